package io.ringfence.console;

import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Headless Chromium driving the console as a person would, at 1280×800: the distribution's own
 * Chromium and chromedriver found on the PATH (Selenium Manager would download a browser, which a
 * build must not). Checks every page with axe-core, injected from the ui module's npm copy.
 */
final class Browser implements AutoCloseable {
    static final int WIDTH = 1280;
    static final int HEIGHT = 800;
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private final ChromeDriver driver;
    private final String base;
    final Path downloads;

    private Browser(ChromeDriver driver, String base, Path downloads) {
        this.driver = driver;
        this.base = base;
        this.downloads = downloads;
    }

    static Browser open(String base) {
        try {
            Path downloads = Files.createTempDirectory("console-downloads");
            ChromeOptions options = new ChromeOptions();
            options.setBinary(onPath("chromium", "chromium-browser", "google-chrome").toFile());
            // No sandbox: CI containers run as root, where Chromium's sandbox refuses to start.
            options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                    "--window-size=" + WIDTH + "," + HEIGHT, "--lang=en-GB");
            options.setExperimentalOption("prefs", Map.of("download.default_directory", downloads.toString(),
                    "download.prompt_for_download", false));
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(onPath("chromedriver").toFile()).usingAnyFreePort().build();
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.manage().window().setSize(new Dimension(WIDTH, HEIGHT));
            return new Browser(driver, base, downloads);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path onPath(String... names) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            for (String name : names) {
                Path p = Path.of(dir, name);
                if (Files.isExecutable(p)) {
                    return p;
                }
            }
        }
        throw new IllegalStateException("none of " + List.of(names) + " on the PATH: install Debian's chromium and "
                + "chromium-driver (.ci/run does)");
    }

    WebDriver driver() {
        return driver;
    }

    void go(String hash) {
        driver.get(base + hash);
    }

    void signIn(String user) {
        go("");
        WebElement name = waitFor(By.id("login-name"));
        name.sendKeys(user);
        driver.findElement(By.id("login-password")).sendKeys("ringfence-demo");
        driver.findElement(By.id("login-submit")).click();
        waitForText(By.id("who"), user);
    }

    void signOut() {
        driver.findElement(By.id("sign-out")).click();
        waitFor(By.id("login-name"));
    }

    WebElement waitFor(By by) {
        return new WebDriverWait(driver, PATIENCE).until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    void waitForText(By by, String text) {
        new WebDriverWait(driver, PATIENCE).until(ExpectedConditions.textToBePresentInElementLocated(by, text));
    }

    String text(By by) {
        return waitFor(by).getText();
    }

    /**
     * Clicks what the locator finds once it can be clicked. A page that redraws a part when a later answer arrives
     * (the Rules page's files, once their hit counts come) may replace the element between finding and clicking:
     * it is found again.
     */
    void click(By by) {
        new WebDriverWait(driver, PATIENCE).ignoring(StaleElementReferenceException.class).until(d -> {
            WebElement e = ExpectedConditions.elementToBeClickable(by).apply(d);
            if (e == null) {
                return null;
            }
            e.click();
            return Boolean.TRUE;
        });
    }

    void type(By by, String text) {
        WebElement e = waitFor(by);
        e.clear();
        e.sendKeys(text);
    }

    void select(By by, String visibleText) {
        new Select(waitFor(by)).selectByVisibleText(visibleText);
    }

    List<WebElement> all(By by) {
        return driver.findElements(by);
    }

    /** A file the page downloaded, once it is complete. */
    Path downloaded(String name) throws InterruptedException {
        Path file = downloads.resolve(name);
        long until = System.nanoTime() + PATIENCE.toNanos();
        while (!Files.exists(file) && System.nanoTime() < until) {
            Thread.sleep(200);
        }
        assertThat(file).as("downloaded " + name).exists();
        return file;
    }

    /**
     * The page as a person sees it: no serious or critical accessibility violation (axe-core), nothing wider
     * than 1280 pixels, and a screenshot for docs/console.md.
     */
    void check(String page) {
        check(page, null);
    }

    /**
     * {@link #check(String)} leaving out one element and the frames in it: a part of the page that is another
     * project's (Apache KIE's DMN editor), which axe would otherwise have to be injected into as well.
     */
    void check(String page, String excluded) {
        injectAxe();
        Object found = driver.executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "const excluded = arguments[0];"
                + "axe.run(excluded ? {exclude: [[excluded]]} : document, {resultTypes: ['violations'], iframes: !excluded})"
                + ".then(r => done(JSON.stringify(r.violations"
                + ".filter(v => v.impact === 'serious' || v.impact === 'critical')"
                + ".map(v => ({id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 5).map(n => n.target.join(' '))})))))"
                + ".catch(e => done('axe failed: ' + e));", excluded);
        assertThat(String.valueOf(found)).as("serious or critical accessibility violations on " + page).isEqualTo("[]");
        Number scrollWidth = (Number) driver.executeScript("return document.documentElement.scrollWidth;");
        assertThat(scrollWidth.intValue()).as(page + " fits 1280 pixels without scrolling sideways").isLessThanOrEqualTo(WIDTH);
        screenshot(page);
    }

    private void injectAxe() {
        if (Boolean.TRUE.equals(driver.executeScript("return typeof window.axe !== 'undefined';"))) {
            return;
        }
        String path = System.getProperty("ringfence.console.axe", "../ui/node_modules/axe-core/axe.min.js");
        try {
            ((JavascriptExecutor) driver).executeScript(Files.readString(Path.of(path), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("axe-core not found at " + path + " (the ui module's npm ci installs it)", e);
        }
    }

    void screenshot(String page) {
        Path dir = Path.of(System.getProperty("ringfence.console.screenshots", "target/console-screenshots"));
        try {
            Files.createDirectories(dir);
            Files.write(dir.resolve(page + ".png"), driver.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}
