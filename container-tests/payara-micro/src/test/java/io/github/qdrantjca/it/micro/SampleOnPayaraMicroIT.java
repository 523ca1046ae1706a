package io.github.qdrantjca.it.micro;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.qdrantjca.emulator.QdrantEmulator;
import io.github.qdrantjca.it.support.FreePorts;
import io.github.qdrantjca.it.support.Http;
import io.github.qdrantjca.launcher.PayaraMicroProcess;
import io.github.qdrantjca.sample.contract.SampleApiContract;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The sample application as the run command runs it: Payara Micro started quiet (no Hazelcast, no
 * certificate noise) with the sentence-embedding model as a server library, {@code qdrant-rar.rar}
 * and the unmodified sample WAR, against an emulator of its own (so that it starts empty and can be
 * stopped). Checks the HTTP API's answers to bad input ({@link SampleApiContract}), search by meaning,
 * the web page in headless Chromium, and the 503 when Qdrant is gone.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SampleOnPayaraMicroIT extends SampleApiContract {

    private static QdrantEmulator qdrant;
    private static PayaraMicroProcess micro;

    @BeforeAll
    static void startQdrantAndPayaraMicro() throws IOException {
        qdrant = QdrantEmulator.builder().port(0).build().start();
        Path root = Path.of(System.getProperty("micro.rootdir")).resolveSibling("sample-micro");
        try {
            micro = PayaraMicroProcess.builder(artifact("payara.micro.jar"))
                    .rootDir(root)
                    .httpPort(FreePorts.freePort())
                    .quiet()
                    .addLibs(Path.of(System.getProperty("sample.libs")))
                    .systemProperty("qdrant.host", qdrant.host())
                    .systemProperty("qdrant.port", Integer.toString(qdrant.port()))
                    .deploy(artifact("qdrant.rar"))
                    .deploy(artifact("sample.war"))
                    .start();
        } catch (IOException | RuntimeException e) {
            qdrant.close();
            throw e;
        }
    }

    @AfterAll
    static void stop() {
        if (micro != null) {
            micro.close();
            assertThat(micro.isAlive()).as("Payara Micro stopped").isFalse();
        }
        if (qdrant != null) {
            qdrant.close();
        }
    }

    @Override
    protected URI application() {
        return URI.create("http://127.0.0.1:" + micro.httpPort() + "/qdrant-sample-app/");
    }

    @Override
    protected Path serverLog() {
        return micro.log();
    }

    @Override
    protected Pattern aboveInfo() {
        return Pattern.compile("\\[(WARNING|SEVERE)\\]");
    }

    private URI api(String path) {
        return application().resolve("api/" + path);
    }

    @Test
    @Order(1)
    void aSearchBeforeAnythingWasIndexedAnswersAnEmptyList() {
        Http.Reply hits = Http.get(api("search?q=anything"));

        assertThat(hits.status()).as(hits.toString()).isEqualTo(200);
        assertThat(hits.body()).isEqualTo("[]");
    }

    @Test
    @Order(2)
    void queriesFindTheDocumentThatMeansTheSameWithoutSharingAWord() {
        Http.Reply info = Http.get(api("documents"));
        assertThat(info.string("embedder")).isEqualTo("all-minilm-l6-v2-q");
        assertThat(info.number("dimensions")).isEqualTo(384);

        Http.Reply indexed = Http.postJson(api("documents"), "["
                + "{\"id\":1,\"text\":\"The cat sleeps on the warm windowsill\"},"
                + "{\"id\":2,\"text\":\"A storm with heavy rain and strong wind is coming tonight\"},"
                + "{\"id\":3,\"text\":\"The football team won the championship final\"},"
                + "{\"id\":4,\"text\":\"Qdrant stores vectors and finds the nearest neighbours\"},"
                + "{\"id\":5,\"text\":\"Knead the dough and bake the bread for forty minutes\"}]");
        assertThat(indexed.status()).as(indexed.toString()).isEqualTo(200);

        for (String[] expectation : List.of(
                new String[] {"kitten", "1"},
                new String[] {"weather+forecast", "2"},
                new String[] {"soccer+match+result", "3"},
                new String[] {"similarity+search+database", "4"},
                new String[] {"how+to+make+a+loaf", "5"})) {
            Http.Reply hits = Http.get(api("search?limit=1&q=" + expectation[0]));
            assertThat(hits.status()).as(hits.toString()).isEqualTo(200);
            assertThat(hits.number("id")).as("best hit for '%s': %s", expectation[0], hits.body())
                    .isEqualTo(Long.parseLong(expectation[1]));
        }
    }

    @Test
    @Order(3)
    void theWebPageAddsADocumentAndFindsItByMeaningInARealBrowser() {
        WebDriver browser = Chromium.start();
        try {
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
            browser.get(application().toString());
            assertThat(browser.getTitle()).contains("search by meaning");

            browser.findElement(By.id("doc-id")).sendKeys("7001");
            browser.findElement(By.id("doc-text")).sendKeys("The kitten chases a ball of wool across the carpet");
            browser.findElement(By.id("add-button")).click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("add-status"), "Added document 7001"));

            browser.findElement(By.id("query")).sendKeys("young cat playing");
            browser.findElement(By.id("search-button")).click();
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#results tr.hit")));
            WebElement best = browser.findElements(By.cssSelector("#results tr.hit")).get(0);
            assertThat(best.findElement(By.className("text")).getText())
                    .isEqualTo("The kitten chases a ball of wool across the carpet");
            assertThat(best.findElement(By.className("score")).getText()).matches("0\\.\\d{3}");

            WebElement query = browser.findElement(By.id("query"));
            query.clear();
            query.sendKeys("?!");
            browser.findElement(By.id("search-button")).click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("search-status"), "no letter or digit"));
            assertThat(browser.findElement(By.id("search-status")).getAttribute("class")).contains("error");
            assertThat(browser.findElement(By.id("results")).isDisplayed()).isFalse();
        } finally {
            browser.quit();
        }
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void qdrantUnreachableAnswers503WithAClearMessage() {
        qdrant.stop();

        Http.Reply answer = Http.get(api("search?q=kitten"));

        assertThat(answer.status()).as(answer.toString()).isEqualTo(503);
        assertThat(answer.string("error")).startsWith("Qdrant is unavailable").contains("GET /health/ready");
    }

    private static Path artifact(String property) {
        String path = System.getProperty(property);
        if (path == null || !new File(path).isFile()) {
            throw new IllegalStateException("system property " + property + " must name a built artifact, was " + path);
        }
        return Path.of(path);
    }

    /** Headless Chromium from the operating system (Debian's chromium and chromium-driver). */
    static final class Chromium {

        static final String INSTALL = "install Chromium and its driver first: .ci/install-chromium"
                + " (on Debian or Ubuntu: apt-get install -y chromium chromium-driver)";

        static WebDriver start() {
            Path binary = Path.of(System.getProperty("chromium.binary", "/usr/bin/chromium"));
            Path driver = Path.of(System.getProperty("chromium.driver", "/usr/bin/chromedriver"));
            if (!Files.isExecutable(binary) || !Files.isExecutable(driver)) {
                throw new IllegalStateException("The browser test needs " + binary + " and " + driver + ": " + INSTALL);
            }
            ChromeOptions options = new ChromeOptions()
                    .setBinary(binary.toFile())
                    .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                            "--window-size=1200,900");
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(driver.toFile())
                    .usingAnyFreePort()
                    .build();
            return new ChromeDriver(service, options);
        }
    }
}
