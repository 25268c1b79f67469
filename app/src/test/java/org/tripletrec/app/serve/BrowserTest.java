package org.tripletrec.app.serve;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The page in headless Chromium (Debian's package, never a downloaded browser): search, like three movies,
 * dislike one, and after every click the recommendations update and never hold a rated movie; "similar" opens;
 * pressing a thumb again takes it back; the likes survive a reload (local storage); the genre filter narrows the
 * list to a genre and is absent for a model without genres. Skipped with the reason when
 * /usr/bin/chromium is missing, unless TRIPLETREC_REQUIRE_BROWSER=true or CI=true, where that fails.
 * A screenshot goes to target/screenshots/.
 */
class BrowserTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    @TempDir
    static Path dir;
    static ServeFixture fixture;
    static ModelServer server;
    static WebDriver driver;

    @BeforeAll
    static void start() throws Exception {
        boolean required = "true".equalsIgnoreCase(System.getenv("TRIPLETREC_REQUIRE_BROWSER"))
                || "true".equalsIgnoreCase(System.getenv("CI"));
        boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!present && required) {
            throw new AssertionError(CHROMIUM + " or " + CHROMEDRIVER + " is missing and the browser test is required"
                    + " (CI=true or TRIPLETREC_REQUIRE_BROWSER=true; apt-get install chromium chromium-driver)");
        }
        Assumptions.assumeTrue(present, CHROMIUM + " or " + CHROMEDRIVER + " is missing: browser test skipped"
                + " (apt-get install chromium chromium-driver; TRIPLETREC_REQUIRE_BROWSER=true makes this a failure)");
        fixture = new ServeFixture();
        // trained with genres: the genre filter shows (the other tests leave it at "All genres")
        server = ServeFixture.start(fixture.writeModelWithFeatures(dir.resolve("model.trm"), 1), fixture.data(), null);

        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1400,900",
                "--user-data-dir=" + Files.createTempDirectory(dir, "chromium-profile"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(10));
    }

    @AfterAll
    static void stop() {
        if (driver != null) {
            driver.quit();
        }
        if (server != null) {
            server.close();
        }
    }

    /** The page with nothing liked: the browser keeps the likes of another test in its local storage. */
    private static WebDriverWait openEmptyPage() {
        return openEmptyPage(server);
    }

    private static WebDriverWait openEmptyPage(ModelServer server) {
        driver.get("http://127.0.0.1:" + server.port() + "/");
        ((org.openqa.selenium.JavascriptExecutor) driver).executeScript("localStorage.clear()");
        driver.navigate().refresh();
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(10));
        wait.until(d -> d.findElement(By.id("recs")).getAttribute("data-updates") != null
                && !"0".equals(d.findElement(By.id("recs")).getAttribute("data-updates")));
        assertThat(driver.findElements(By.cssSelector("#liked li, #disliked li"))).isEmpty();
        return wait;
    }

    private static List<String> ids(String listSelector) {
        return driver.findElements(By.cssSelector(listSelector + " li")).stream()
                .map(li -> li.getAttribute("data-item")).toList();
    }

    @Test
    void pressingAThumbAgainTakesItBackAndTheTasteSurvivesAReload() throws Exception {
        WebDriverWait wait = openEmptyPage();
        driver.findElement(By.id("search")).sendKeys("star");
        wait.until(d -> d.findElements(By.cssSelector("#results li")).size() >= 2);
        WebElement first = driver.findElements(By.cssSelector("#results li")).get(0);
        WebElement second = driver.findElements(By.cssSelector("#results li")).get(1);
        String kept = first.getAttribute("data-item");
        String takenBack = second.getAttribute("data-item");
        clickAndAwaitUpdate(wait, first.findElement(By.cssSelector("button.like")));
        clickAndAwaitUpdate(wait, second.findElement(By.cssSelector("button.like")));
        assertThat(ids("#liked")).containsExactly(kept, takenBack);

        WebElement like = driver.findElements(By.cssSelector("#results li")).get(1).findElement(By.cssSelector("button.like"));
        assertThat(like.getAttribute("aria-pressed")).isEqualTo("true");
        clickAndAwaitUpdate(wait, like);
        assertThat(ids("#liked")).containsExactly(kept);
        assertThat(driver.findElements(By.cssSelector("#results li")).get(1).findElement(By.cssSelector("button.like"))
                .getAttribute("aria-pressed")).isEqualTo("false");
        List<String> recs = ids("#recs");
        assertThat(recs).hasSize(10).doesNotContain(kept);

        // a dislike too, then a reload: both lists come back from local storage, and so does the same answer
        String disliked = recs.get(0);
        clickAndAwaitUpdate(wait, driver.findElements(By.cssSelector("#recs li")).get(0)
                .findElement(By.cssSelector("button.dislike")));
        List<String> before = ids("#recs");
        driver.navigate().refresh();
        wait.until(d -> !d.findElements(By.cssSelector("#recs li")).isEmpty());
        assertThat(ids("#liked")).containsExactly(kept);
        assertThat(ids("#disliked")).containsExactly(disliked);
        assertThat(ids("#recs")).isEqualTo(before).doesNotContain(kept, disliked);
    }

    @Test
    void likeThreeDislikeOneAndTheListFollowsEachClick() throws Exception {
        WebDriverWait wait = openEmptyPage();

        WebElement search = driver.findElement(By.id("search"));
        search.sendKeys("toy");
        wait.until(d -> !d.findElements(By.cssSelector("#results li")).isEmpty());
        List<WebElement> results = driver.findElements(By.cssSelector("#results li"));
        assertThat(results.get(0).getText()).containsIgnoringCase("toy");

        // three likes from the search results, one dislike from the recommendations themselves
        java.util.Set<String> rated = new java.util.HashSet<>();
        for (int k = 0; k < 3; k++) {
            WebElement row = driver.findElements(By.cssSelector("#results li")).get(k);
            rated.add(row.getAttribute("data-item"));
            clickAndAwaitUpdate(wait, row.findElement(By.cssSelector("button.like")));
            assertThat(recommended()).isNotEmpty().doesNotContainAnyElementsOf(rated);
        }
        WebElement first = driver.findElements(By.cssSelector("#recs li")).get(0);
        String disliked = first.getAttribute("data-item");
        rated.add(disliked);
        clickAndAwaitUpdate(wait, first.findElement(By.cssSelector("button.dislike")));
        assertThat(recommended()).hasSize(10).doesNotContainAnyElementsOf(rated);

        assertThat(driver.findElements(By.cssSelector("#liked li"))).hasSize(3);
        assertThat(driver.findElements(By.cssSelector("#disliked li"))).hasSize(1);
        assertThat(driver.findElement(By.id("recs")).getText()).contains("because you liked");

        // similar to a recommended movie
        driver.findElements(By.cssSelector("#recs li")).get(0).findElement(By.cssSelector("button.similar")).click();
        wait.until(d -> d.findElement(By.id("similar-panel")).isDisplayed()
                && !d.findElements(By.cssSelector("#similar li")).isEmpty());
        assertThat(driver.findElements(By.cssSelector("#similar li"))).hasSize(10);
        assertThat(driver.findElement(By.id("status")).getText()).isEmpty();

        screenshot("serve-page.png");
    }

    private static void screenshot(String name) throws java.io.IOException {
        Path shots = Path.of("target", "screenshots");
        Files.createDirectories(shots);
        File png = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
        Files.copy(png.toPath(), shots.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    }

    @Test
    void theGenreFilterNarrowsTheRecommendationsToAGenre() throws Exception {
        WebDriverWait wait = openEmptyPage();
        wait.until(d -> d.findElement(By.id("genre")).isDisplayed());
        Select genre = new Select(driver.findElement(By.id("genre")));
        assertThat(genre.getOptions()).extracting(WebElement::getText)
                .containsExactly("All genres", "Comedy (20)", "Drama (20)", "Western (4)");
        assertThat(genre.getFirstSelectedOption().getText()).isEqualTo("All genres");

        driver.findElement(By.id("search")).sendKeys("toy");
        wait.until(d -> !d.findElements(By.cssSelector("#results li")).isEmpty());
        String liked = driver.findElements(By.cssSelector("#results li")).get(0).getAttribute("data-item");
        clickAndAwaitUpdate(wait, driver.findElements(By.cssSelector("#results li")).get(0)
                .findElement(By.cssSelector("button.like")));
        List<String> all = ids("#recs");
        assertThat(all).hasSize(10);

        Set<String> westerns = fixture.itemsWith("genre:Western");
        selectAndAwaitUpdate(wait, genre, "genre:Western");
        assertThat(ids("#recs")).isNotEmpty().hasSizeLessThanOrEqualTo(4).allMatch(westerns::contains)
                .doesNotContain(liked);
        Set<String> comedies = fixture.itemsWith("genre:Comedy");
        selectAndAwaitUpdate(wait, genre, "genre:Comedy");
        assertThat(ids("#recs")).hasSize(10).allMatch(comedies::contains).doesNotContain(liked);
        assertThat(driver.findElement(By.id("recs-empty")).isDisplayed()).isFalse();
        screenshot("serve-genre.png");

        // the choice survives a reload, and "All genres" gives the unfiltered list back
        driver.navigate().refresh();
        wait.until(d -> !d.findElements(By.cssSelector("#recs li")).isEmpty());
        genre = new Select(driver.findElement(By.id("genre")));
        assertThat(genre.getFirstSelectedOption().getAttribute("value")).isEqualTo("genre:Comedy");
        assertThat(ids("#recs")).allMatch(comedies::contains);
        selectAndAwaitUpdate(wait, genre, "");
        assertThat(ids("#recs")).isEqualTo(all);
        assertThat(driver.findElement(By.id("status")).getText()).isEmpty();
    }

    @Test
    void aModelWithoutGenresShowsNoGenreFilter() throws Exception {
        ServeFixture plain = new ServeFixture();
        try (ModelServer own = ServeFixture.start(plain.writeModel(dir.resolve("plain.trm"), 1), plain.data(), null)) {
            WebDriverWait wait = openEmptyPage(own);
            driver.findElement(By.id("search")).sendKeys("toy");
            wait.until(d -> !d.findElements(By.cssSelector("#results li")).isEmpty());
            clickAndAwaitUpdate(wait, driver.findElements(By.cssSelector("#results li")).get(0)
                    .findElement(By.cssSelector("button.like")));
            assertThat(ids("#recs")).hasSize(10);
            assertThat(driver.findElement(By.id("genre-filter")).isDisplayed()).isFalse();
            assertThat(driver.findElement(By.id("status")).getText()).isEmpty();
        }
    }

    /** Picks a genre ("" for all), then waits until the recommendation list has been redrawn. */
    private static void selectAndAwaitUpdate(WebDriverWait wait, Select genre, String value) {
        String before = driver.findElement(By.id("recs")).getAttribute("data-updates");
        genre.selectByValue(value);
        wait.until(d -> !before.equals(d.findElement(By.id("recs")).getAttribute("data-updates")));
    }

    /** Clicks, then waits until the recommendation list has been redrawn from a new answer. */
    private static void clickAndAwaitUpdate(WebDriverWait wait, WebElement button) {
        String before = driver.findElement(By.id("recs")).getAttribute("data-updates");
        button.click();
        wait.until(d -> !before.equals(d.findElement(By.id("recs")).getAttribute("data-updates")));
    }

    private static Set<String> recommended() {
        java.util.Set<String> ids = new java.util.LinkedHashSet<>();
        for (WebElement li : driver.findElements(By.cssSelector("#recs li"))) {
            ids.add(li.getAttribute("data-item"));
        }
        return ids;
    }
}
