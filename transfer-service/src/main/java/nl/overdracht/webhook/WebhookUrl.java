package nl.overdracht.webhook;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import nl.overdracht.platform.ApiException;
import nl.overdracht.platform.Problem;
import nl.overdracht.platform.ProblemType;

/**
 * A school's endpoint URL, checked: absolute {@code https} with a host, no user name or password,
 * no fragment, at most {@value #MAX_LENGTH} characters. Anything else is a 422 {@code unprocessable}
 * naming {@code /url} and every rule it breaks, never echoing the value.
 */
final class WebhookUrl {

    static final int MAX_LENGTH = 2048;
    static final String POINTER = "/url";

    private WebhookUrl() {
    }

    /** The URL as it will be called. */
    static String check(String url) {
        List<String> problems = problems(url);
        if (!problems.isEmpty()) {
            throw new ApiException(ProblemType.UNPROCESSABLE, "The endpoint URL cannot be used.",
                    problems.stream().map(problem -> new Problem.FieldError(POINTER, problem)).toList());
        }
        return url;
    }

    static List<String> problems(String url) {
        List<String> problems = new ArrayList<>();
        if (url.length() > MAX_LENGTH) {
            problems.add("must be at most " + MAX_LENGTH + " characters");
            return problems;
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            problems.add("must be an absolute https URL");
            return problems;
        }
        if (!uri.isAbsolute() || uri.isOpaque() || !"https".equals(uri.getScheme().toLowerCase(Locale.ROOT))) {
            problems.add("must be an https URL");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            problems.add("must name a host");
        }
        if (uri.getRawUserInfo() != null) {
            problems.add("must not hold a user name or password");
        }
        if (uri.getRawFragment() != null) {
            problems.add("must not have a fragment");
        }
        return problems;
    }
}
