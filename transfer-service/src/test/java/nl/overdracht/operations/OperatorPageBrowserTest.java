package nl.overdracht.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.File;
import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import nl.overdracht.crypto.TestCertificates;
import nl.overdracht.embedded.MintToken;
import nl.overdracht.security.Roles;
import nl.overdracht.testing.Pupils;
import nl.overdracht.testing.TestSchools;
import nl.overdracht.testing.Tokens;
import nl.overdracht.testing.Transfers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The operator page in a real browser: Debian's headless Chromium, driven by Debian's chromedriver, both
 * named explicitly so that nothing is downloaded. Where either is missing the tests are skipped, naming
 * the package; under CI (the {@code CI} variable set) they fail instead.
 */
@QuarkusTest
class OperatorPageBrowserTest {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SCREENSHOT = Path.of("target/operator-page.png");
    static final Duration WAIT = Duration.ofSeconds(30);

    private static WebDriver browser;

    @TestHTTPResource("/operator/")
    URL page;

    @Inject
    OperationsFixtures fixtures;

    @Inject
    Clock clock;

    @BeforeAll
    static void startBrowser() {
        List<String> missing = new ArrayList<>();
        if (!Files.isExecutable(CHROMIUM)) {
            missing.add(CHROMIUM + " (Debian package chromium)");
        }
        if (!Files.isExecutable(CHROMEDRIVER)) {
            missing.add(CHROMEDRIVER + " (Debian package chromium-driver)");
        }
        if (!missing.isEmpty()) {
            String message = "The operator page's browser test needs " + String.join(" and ", missing);
            if (System.getenv("CI") != null) {
                fail(message + "; .ci/run installs them");
            }
            Assumptions.abort(message);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,1600");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER.toString())).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    /** Each test starts signed out: the token of the one before is forgotten with the tab's session storage. */
    @BeforeEach
    void openSignedOut() {
        browser.get(page.toString());
        ((JavascriptExecutor) browser).executeScript("window.sessionStorage.clear();");
        browser.navigate().refresh();
        waitFor(() -> browser.findElement(By.id("token")).isDisplayed());
    }

    @Test
    void an_operator_signs_in_with_a_token_and_sees_the_region_s_queue_stuck_work_conflicts_and_schools()
            throws IOException {
        // Given two dossiers released to a school of a fresh region that has no certificate, an enrolment
        // in conflict with a dossier naming that school, and a school whose certificate expires in 10 days
        String region = OperationsFixtures.freshRegion("page");
        String withoutCertificate = OperationsFixtures.schoolWithoutCertificate(region);
        Transfers.Matched first = OperationsFixtures.enrolled(withoutCertificate);
        Transfers.Matched second = OperationsFixtures.enrolled(withoutCertificate);
        fixtures.release(first, second);
        String bsn = Pupils.bsn();
        UUID conflicting = Transfers.submitOso(TestSchools.dutch(), bsn, withoutCertificate);
        Transfers.enrol(TestSchools.dutch(), "BSN", bsn, null);
        String expiring = schoolWithCertificateExpiringIn(region, Duration.ofDays(10));

        // When its operator pastes a token and presses Enter
        signIn(Tokens.region(region, Roles.OPERATOR));

        // Then the page shows who is signed in, and exactly what the test made in the region
        assertThat(text("me-region")).isEqualTo(region);
        assertThat(text("me-roles")).isEqualTo(Roles.OPERATOR);
        assertThat(text("queue-waiting")).isEqualTo("2");
        assertThat(queueStageCounts()).isEqualTo(2);
        assertThat(text("stuck-count-withheld")).isEqualTo("2");
        assertThat(text("stuck-count-enrolment_conflict")).isEqualTo("1");
        assertThat(text("stuck-count-not_downloaded")).isEqualTo("0");
        assertThat(text("stuck-count-expiring_unmatched")).isEqualTo("0");
        assertThat(dossierIds("#stuck-items")).containsExactlyInAnyOrder(first.id().toString(),
                second.id().toString(), conflicting.toString());
        assertThat(text("conflicts-count")).isEqualTo("1");
        assertThat(dossierIds("#conflicts-rows")).containsExactly(conflicting.toString());
        assertThat(text("schools-count")).isEqualTo("2");
        assertThat(text("schools-without-certificate")).isEqualTo("1");
        assertThat(text("schools-expiring")).isEqualTo("1");
        assertThat(browser.findElement(By.id("school-expiry-" + withoutCertificate)).getDomAttribute("data-certificate"))
                .isEqualTo("none");
        assertThat(browser.findElement(By.id("school-expiry-" + expiring)).getDomAttribute("data-certificate"))
                .isEqualTo("expiring");
        WebElement age = browser.findElement(By.cssSelector("#stuck-items tr[data-kind='withheld'] td[data-seconds]"));
        assertThat(Long.parseLong(age.getDomAttribute("data-seconds"))).isGreaterThanOrEqualTo(0);
        assertThat(age.getText()).matches("\\d+ (d|h|min|s)( \\d+ (h|min|s))?");
        assertThat(text("problem")).isEmpty();

        saveScreenshotOfTheWholePage();
        assertThat(SCREENSHOT).isNotEmptyFile();
    }

    @Test
    void an_operator_of_another_region_sees_zero_counts_and_none_of_its_dossiers() {
        // Given a dossier released to a school without certificate in a fresh region
        String region = OperationsFixtures.freshRegion("page");
        Transfers.Matched dossier = OperationsFixtures.enrolled(OperationsFixtures.schoolWithoutCertificate(region));
        fixtures.release(dossier);

        // When the operator of another region signs in
        signIn(Tokens.region("other-" + region, Roles.OPERATOR));

        // Then every count is zero and the dossier is nowhere on the page
        assertThat(text("me-region")).isEqualTo("other-" + region);
        assertThat(text("queue-waiting")).isEqualTo("0");
        assertThat(queueStageCounts()).isZero();
        for (String kind : List.of("not_downloaded", "withheld", "expiring_unmatched", "enrolment_conflict")) {
            assertThat(text("stuck-count-" + kind)).as(kind).isEqualTo("0");
        }
        assertThat(dossierIds("#stuck-items")).isEmpty();
        assertThat(text("conflicts-count")).isEqualTo("0");
        assertThat(text("schools-count")).isEqualTo("0");
        assertThat(browser.getPageSource()).doesNotContain(dossier.id().toString());
    }

    @Test
    void a_token_the_service_does_not_accept_shows_the_problem_s_title_and_keeps_the_operator_signed_out() {
        // Given a token signed with another key
        String token = Tokens.signedWithAnotherKey(MintToken.Request.forRegion("noord",
                Roles.OPERATOR));

        // When it is pasted and submitted
        browser.findElement(By.id("token")).sendKeys(token + Keys.ENTER);

        // Then the alert shows the problem's title, and the sign-in form is back with nothing kept
        waitFor(() -> text("problem").contains("A valid bearer token is required"));
        assertThat(browser.findElement(By.id("problem")).getDomAttribute("role")).isEqualTo("alert");
        assertThat(browser.findElement(By.id("token")).isDisplayed()).isTrue();
        assertThat(browser.findElement(By.id("signed-in")).isDisplayed()).isFalse();
        assertThat(((JavascriptExecutor) browser).executeScript("return window.sessionStorage.length;"))
                .isEqualTo(0L);
    }

    @Test
    void a_school_s_token_shows_each_section_s_refusal_in_the_alert() {
        // Given the token of a receiving school, which /api/v1/me accepts but the operator API does not
        signIn(Tokens.school(TestSchools.dutch(), Roles.RECEIVING_SCHOOL), "partly");

        // Then the alert names the refusal of each operator section, with the problem's title
        String alert = text("problem");
        for (String section : List.of("Delivery queue", "Stuck work", "Enrolment conflicts", "Schools")) {
            assertThat(alert).contains(section + ": The caller's role does not allow this");
        }
        assertThat(text("me-roles")).isEqualTo(Roles.RECEIVING_SCHOOL);
    }

    @Test
    void the_page_is_used_by_keyboard_alone_with_focus_always_visible() {
        // Given the page signed out: the token field is the second stop, after the link that skips to the content
        tab(Keys.TAB);
        assertThat(focused().getDomAttribute("class")).isEqualTo("skip-link");
        tab(Keys.TAB);
        assertThat(focused().getDomAttribute("id")).isEqualTo("token");
        assertThat(outline(focused())).isNotEqualTo("none");

        // When the operator types the token and presses Enter, and then goes back to Refresh and presses Enter
        new Actions(browser).sendKeys(Tokens.region(OperationsFixtures.freshRegion("page"), Roles.OPERATOR))
                .sendKeys(Keys.ENTER).perform();
        waitFor(() -> "yes".equals(browser.findElement(By.tagName("body")).getDomAttribute("data-loaded")));
        ((JavascriptExecutor) browser).executeScript("document.getElementById('queue-waiting').textContent = '';");
        for (int i = 0; i < 10 && !"refresh".equals(focused().getDomAttribute("id")); i++) {
            tab(Keys.chord(Keys.SHIFT, Keys.TAB));
        }
        assertThat(focused().getDomAttribute("id")).isEqualTo("refresh");
        assertThat(outline(focused())).isNotEqualTo("none");
        tab(Keys.ENTER);

        // Then the page reads everything again; every table has a caption and every header cell a scope
        waitFor(() -> "0".equals(text("queue-waiting")));
        assertThat(((JavascriptExecutor) browser).executeScript(
                "return document.querySelectorAll('table:not(:has(> caption)), th:not([scope])').length;"))
                .isEqualTo(0L);
    }

    @Test
    void signing_out_forgets_the_token() {
        signIn(Tokens.region(OperationsFixtures.freshRegion("page"), Roles.OPERATOR));

        browser.findElement(By.id("sign-out")).click();

        waitFor(() -> browser.findElement(By.id("token")).isDisplayed());
        assertThat(browser.findElement(By.id("signed-in")).isDisplayed()).isFalse();
        assertThat(((JavascriptExecutor) browser).executeScript("return window.sessionStorage.length;"))
                .isEqualTo(0L);
    }

    /** Types the token into the labelled field, submits with Enter and waits until every section has loaded. */
    private void signIn(String token) {
        signIn(token, "yes");
        assertThat(text("problem")).as("the page's alert").isEmpty();
    }

    /** Signs in, and waits until the page has loaded, with {@code loaded} as its outcome. */
    private void signIn(String token, String loaded) {
        WebElement field = browser.findElement(By.cssSelector("label[for='token'] + input#token"));
        field.sendKeys(token + Keys.ENTER);
        waitFor(() -> {
            String state = browser.findElement(By.tagName("body")).getDomAttribute("data-loaded");
            return "yes".equals(state) || "partly".equals(state) || !text("problem").isEmpty();
        });
        assertThat(browser.findElement(By.tagName("body")).getDomAttribute("data-loaded")).as(text("problem"))
                .isEqualTo(loaded);
    }

    /** The window grows to the page's height for the picture, and is given its size back after it. */
    private static void saveScreenshotOfTheWholePage() throws IOException {
        Dimension size = browser.manage().window().getSize();
        long viewport = (Long) ((JavascriptExecutor) browser).executeScript("return window.innerHeight;");
        long content = (Long) ((JavascriptExecutor) browser)
                .executeScript("return document.documentElement.scrollHeight;");
        try {
            browser.manage().window().setSize(new Dimension(size.getWidth(),
                    (int) (size.getHeight() - viewport + content)));
            ((JavascriptExecutor) browser).executeScript("window.scrollTo(0, 0);");
            Files.createDirectories(SCREENSHOT.getParent());
            Files.write(SCREENSHOT, ((ChromeDriver) browser).getScreenshotAs(OutputType.BYTES));
        } finally {
            browser.manage().window().setSize(size);
        }
    }

    private String schoolWithCertificateExpiringIn(String region, Duration left) {
        String school = OperationsFixtures.schoolWithoutCertificate(region);
        Instant now = clock.instant();
        String pem = TestSchools.pem(TestCertificates.rsa("CN=" + school, 2048)
                .validity(now.minus(Duration.ofDays(1)), now.plus(left)).issue().certificate());
        Transfers.operator(region).contentType("application/x-pem-file").body(pem.getBytes(StandardCharsets.US_ASCII))
                .when().post("/api/v1/registry/schools/" + school + "/certificates")
                .then().statusCode(201);
        return school;
    }

    private static void tab(CharSequence keys) {
        new Actions(browser).sendKeys(keys).perform();
    }

    private static WebElement focused() {
        return browser.switchTo().activeElement();
    }

    private static String outline(WebElement element) {
        return element.getCssValue("outline-style");
    }

    private static long queueStageCounts() {
        return browser.findElements(By.cssSelector("#queue-rows td[id^='queue-count-']")).stream()
                .mapToLong(cell -> Long.parseLong(cell.getText())).sum();
    }

    private static Set<String> dossierIds(String table) {
        return browser.findElements(By.cssSelector(table + " tr[data-dossier-id]")).stream()
                .map(row -> row.getDomAttribute("data-dossier-id")).collect(Collectors.toSet());
    }

    private static String text(String id) {
        return browser.findElement(By.id(id)).getText();
    }

    private static void waitFor(java.util.function.Supplier<Boolean> condition) {
        new WebDriverWait(browser, WAIT).until(driver -> condition.get());
    }
}
