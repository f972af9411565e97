// The operator page: reads the operator API with the bearer token the operator pasted, and shows counts,
// ids, states and times. The token lives in this tab's sessionStorage only. Every value from the API is
// written as text (textContent), never as markup.
(function () {
  'use strict';

  var TOKEN_KEY = 'overdracht.operator.token';
  var EXPIRY_WARNING_DAYS = 30;
  var DAY = 86400;

  var STAGES = {
    'awaiting-package': 'No delivery package made yet',
    'withheld': 'Withheld: the receiving school has no valid certificate',
    'awaiting-download': 'Packaged, not downloaded',
    'awaiting-acknowledgement': 'Downloaded, not acknowledged'
  };
  var KINDS = {
    'not_downloaded': 'A delivery package not downloaded in time',
    'withheld': 'A released dossier withheld for want of a certificate',
    'expiring_unmatched': 'A dossier no enrolment matched, expiring soon',
    'enrolment_conflict': 'An enrolment naming another receiving school than the dossier'
  };

  function $(id) {
    return document.getElementById(id);
  }

  function token() {
    return window.sessionStorage.getItem(TOKEN_KEY);
  }

  /** "3 d 4 h", "5 h 12 min", "42 s": the two largest units. */
  function age(seconds) {
    var s = Math.max(0, Math.floor(seconds));
    var units = [['d', DAY], ['h', 3600], ['min', 60], ['s', 1]];
    var parts = [];
    for (var i = 0; i < units.length && parts.length < 2; i++) {
      var n = Math.floor(s / units[i][1]);
      if (n > 0 || (parts.length > 0)) {
        parts.push(n + ' ' + units[i][0]);
      }
      s -= n * units[i][1];
    }
    return parts.length ? parts.join(' ') : '0 s';
  }

  function cell(tag, text, attributes) {
    var element = document.createElement(tag);
    element.textContent = text === null || text === undefined ? '' : String(text);
    Object.keys(attributes || {}).forEach(function (name) {
      element.setAttribute(name, attributes[name]);
    });
    return element;
  }

  /** A time as "2026-03-02 09:00 UTC" in a <time datetime> element; "–" when there is none. */
  function timeCell(iso, attributes) {
    var td = cell('td', '', attributes);
    if (!iso) {
      td.textContent = '–';
      return td;
    }
    var time = cell('time', iso.replace('T', ' ').replace(/:\d\d(\.\d+)?Z$/, ' UTC'), { datetime: iso });
    td.appendChild(time);
    return td;
  }

  function ageCell(seconds, attributes) {
    var td = cell('td', age(seconds), attributes);
    td.setAttribute('data-seconds', String(seconds));
    td.setAttribute('title', seconds + ' seconds');
    return td;
  }

  function replaceRows(tbody, rows, columns, none) {
    tbody.replaceChildren();
    if (rows.length === 0) {
      var tr = document.createElement('tr');
      tr.appendChild(cell('td', none, { colspan: String(columns), 'class': 'none' }));
      tbody.appendChild(tr);
      return;
    }
    rows.forEach(function (row) {
      tbody.appendChild(row);
    });
  }

  function setStatus(text) {
    $('status').textContent = text;
  }

  function showProblems(messages) {
    var alert = $('problem');
    alert.replaceChildren();
    messages.forEach(function (message) {
      alert.appendChild(cell('p', message));
    });
  }

  /** An API answer that is not 2xx, as an Error carrying the problem's title and detail (RFC 9457). */
  function problemError(response, what) {
    return response.text().then(function (body) {
      var title = 'HTTP ' + response.status;
      var detail = '';
      try {
        var problem = JSON.parse(body);
        title = problem.title || title;
        detail = problem.detail || '';
      } catch (ignored) {
        // not problem+json: the status is all there is to say
      }
      var error = new Error(what + ': ' + title + (detail ? ' – ' + detail : ''));
      error.status = response.status;
      throw error;
    });
  }

  function get(path, what) {
    return window.fetch(path, {
      headers: { 'Authorization': 'Bearer ' + token(), 'Accept': 'application/json' },
      cache: 'no-store',
      credentials: 'omit'
    }).then(function (response) {
      return response.ok ? response.json() : problemError(response, what);
    });
  }

  function showSignedIn(signedIn) {
    $('sign-in').hidden = signedIn;
    $('signed-in').hidden = !signedIn;
    $('who').hidden = !signedIn;
    $('sections-nav').hidden = !signedIn;
  }

  function renderMe(me) {
    $('me-subject').textContent = me.subject;
    $('me-region').textContent = me.region || '–';
    $('me-roles').textContent = (me.roles || []).join(', ');
  }

  function renderQueue(queue) {
    $('queue-waiting').textContent = String(queue.waiting);
    $('queue-as-of').textContent = queue.asOf.replace('T', ' ').replace(/:\d\d(\.\d+)?Z$/, ' UTC');
    $('queue-as-of').setAttribute('datetime', queue.asOf);
    var rows = queue.stages.map(function (stage) {
      var tr = document.createElement('tr');
      tr.setAttribute('data-stage', stage.stage);
      tr.appendChild(cell('th', STAGES[stage.stage] || stage.stage, { scope: 'row', title: stage.stage }));
      tr.appendChild(cell('td', stage.count, { id: 'queue-count-' + stage.stage, 'class': 'number' }));
      tr.appendChild(timeCell(stage.oldestReleasedAt, { id: 'queue-oldest-' + stage.stage }));
      tr.appendChild(stage.count > 0 ? ageCell(stage.oldestWaitSeconds, { id: 'queue-wait-' + stage.stage })
          : cell('td', '–', { id: 'queue-wait-' + stage.stage }));
      return tr;
    });
    replaceRows($('queue-rows'), rows, 4, 'Nothing waits.');
  }

  function renderStuck(stuck) {
    var counts = Object.keys(stuck.counts).map(function (kind) {
      var tr = document.createElement('tr');
      tr.appendChild(cell('th', kind, { scope: 'row' }));
      tr.appendChild(cell('td', KINDS[kind] || ''));
      var count = cell('td', stuck.counts[kind], { id: 'stuck-count-' + kind, 'class': 'number' });
      if (stuck.counts[kind] > 0) {
        count.classList.add('attention');
      }
      tr.appendChild(count);
      return tr;
    });
    replaceRows($('stuck-counts'), counts, 3, 'Nothing counted.');
    $('stuck-listed').textContent = String(stuck.items.length);
    var items = stuck.items.map(function (item) {
      var tr = document.createElement('tr');
      tr.setAttribute('data-dossier-id', item.dossierId);
      tr.setAttribute('data-kind', item.kind);
      tr.appendChild(cell('th', item.kind, { scope: 'row' }));
      tr.appendChild(cell('td', item.dossierId, { 'class': 'id dossier-id' }));
      tr.appendChild(cell('td', item.stage));
      tr.appendChild(timeCell(item.since));
      tr.appendChild(ageCell(item.ageSeconds));
      return tr;
    });
    replaceRows($('stuck-items'), items, 5, 'Nothing is stuck.');
  }

  function renderConflicts(conflicts) {
    $('conflicts-count').textContent = String(conflicts.length);
    var rows = conflicts.map(function (conflict) {
      var tr = document.createElement('tr');
      tr.setAttribute('data-dossier-id', conflict.dossierId);
      tr.appendChild(cell('th', conflict.dossierId, { scope: 'row', 'class': 'id dossier-id' }));
      tr.appendChild(cell('td', conflict.enrolmentId, { 'class': 'id' }));
      tr.appendChild(cell('td', conflict.enrollingSchool));
      tr.appendChild(cell('td', conflict.namedReceivingSchool));
      tr.appendChild(cell('td', conflict.enrolmentDate));
      tr.appendChild(timeCell(conflict.recordedAt));
      tr.appendChild(cell('td', conflict.dossierState));
      return tr;
    });
    replaceRows($('conflicts-rows'), rows, 7, 'No enrolment conflicts.');
  }

  /** The schools; {@code now} is the service's clock (the queue's asOf), in milliseconds. */
  function renderSchools(schools, now) {
    var without = 0;
    var expiring = 0;
    var rows = schools.map(function (school) {
      var tr = document.createElement('tr');
      tr.setAttribute('data-school-id', school.id);
      tr.appendChild(cell('th', school.id, { scope: 'row' }));
      tr.appendChild(cell('td', school.name));
      tr.appendChild(cell('td', school.status));
      var expiry;
      if (!school.currentCertificate) {
        without++;
        tr.classList.add('attention');
        tr.appendChild(cell('td', 'None valid', { 'class': 'attention' }));
        expiry = cell('td', 'No valid certificate: deliveries are withheld',
            { 'class': 'attention', 'data-certificate': 'none', id: 'school-expiry-' + school.id });
      } else {
        tr.appendChild(cell('td', school.currentCertificate, { 'class': 'id' }));
        var left = Math.floor((Date.parse(school.currentCertificateNotAfter) - now) / 1000);
        expiry = timeCell(school.currentCertificateNotAfter, { id: 'school-expiry-' + school.id });
        expiry.setAttribute('data-seconds', String(left));
        expiry.setAttribute('title', 'expires in ' + left + ' seconds');
        if (left < EXPIRY_WARNING_DAYS * DAY) {
          expiring++;
          tr.classList.add('attention');
          expiry.classList.add('attention');
          expiry.setAttribute('data-certificate', 'expiring');
          expiry.appendChild(document.createTextNode(' (expires within 30 days: in ' + age(left) + ')'));
        } else {
          expiry.setAttribute('data-certificate', 'valid');
        }
      }
      tr.appendChild(expiry);
      return tr;
    });
    replaceRows($('schools-rows'), rows, 5, 'No schools registered.');
    $('schools-count').textContent = String(schools.length);
    $('schools-without-certificate').textContent = String(without);
    $('schools-expiring').textContent = String(expiring);
  }

  function signOut(message) {
    window.sessionStorage.removeItem(TOKEN_KEY);
    showSignedIn(false);
    document.body.removeAttribute('data-loaded');
    setStatus(message);
  }

  function load() {
    if (!token()) {
      showSignedIn(false);
      return Promise.resolve();
    }
    document.body.setAttribute('data-loaded', 'loading');
    setStatus('Loading…');
    return get('/api/v1/me', 'Signing in').then(function (me) {
      renderMe(me);
      showSignedIn(true);
      var sections = [
        get('/api/v1/operator/queue', 'Delivery queue'),
        get('/api/v1/operator/stuck', 'Stuck work'),
        get('/api/v1/enrolment-conflicts', 'Enrolment conflicts'),
        get('/api/v1/registry/schools', 'Schools')
      ];
      return Promise.allSettled(sections).then(function (results) {
        var problems = [];
        results.forEach(function (result) {
          if (result.status === 'rejected') {
            problems.push(result.reason.message);
          }
        });
        var queue = results[0].value;
        if (queue) {
          renderQueue(queue);
        }
        if (results[1].value) {
          renderStuck(results[1].value);
        }
        if (results[2].value) {
          renderConflicts(results[2].value);
        }
        if (results[3].value) {
          renderSchools(results[3].value, queue ? Date.parse(queue.asOf) : Date.now());
        }
        showProblems(problems);
        document.body.setAttribute('data-loaded', problems.length ? 'partly' : 'yes');
        setStatus(problems.length ? 'Loaded with problems.' : 'Loaded.');
      });
    }).catch(function (error) {
      showProblems([error.message]);
      signOut('Not signed in.');
    });
  }

  function signIn(event) {
    event.preventDefault();
    var input = $('token');
    var value = input.value.trim().replace(/^Bearer\s+/i, '');
    input.value = '';
    if (!value) {
      showProblems(['Paste a bearer token to sign in.']);
      input.focus();
      return;
    }
    showProblems([]);
    window.sessionStorage.setItem(TOKEN_KEY, value);
    load().then(function () {
      if (token()) {
        $('main').focus({ preventScroll: true });
      } else {
        $('token').focus();
      }
    });
  }

  document.addEventListener('DOMContentLoaded', function () {
    $('sign-in-form').addEventListener('submit', signIn);
    $('refresh').addEventListener('click', function () {
      showProblems([]);
      load();
    });
    $('sign-out').addEventListener('click', function () {
      showProblems([]);
      signOut('Signed out.');
      $('token').focus();
    });
    load();
  });
}());
