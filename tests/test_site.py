"""The static site: escaping, links and anchors, a real browser, and `make lab`."""
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest
from conftest import write_catalog

from analysis.corpus.paths import NOTEBOOKS, ROOT
from analysis.publish import site

SCRIPT = "<script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(1)>'
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("hostile")
    folder = tmp / "corpus"
    folder.mkdir()
    body = (f"Title {SCRIPT}\n\nKYIV (Reuters) - Officials said {IMG} that 1,200 people fled on Monday, "
            f"\"{SCRIPT} is not a quote,\" one official said.\n")
    (folder / "030_hostile.txt").write_text(body, encoding="utf-8")
    write_catalog(folder, [{"doc_id": "030", "file": "030_hostile.txt", "outlet": f"Wire {IMG}",
                            "author": SCRIPT, "title": f"Headline {SCRIPT} {IMG}", "published": "2024-05-01",
                            "date_basis": "byline", "notes": IMG}])
    reports = tmp / "reports"
    reports.mkdir()
    site.build(folder, reports, notebooks_dir=tmp / "no-notebooks")
    return reports


def test_corpus_text_is_escaped_everywhere(hostile_site):
    for page in [hostile_site / "index.html", *sorted((hostile_site / "articles").glob("*.html"))]:
        html = page.read_text(encoding="utf-8")
        assert "<script" not in html.lower(), page
        assert "<img src=x" not in html, page
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html, page
    article = (hostile_site / "articles" / "030.html").read_text(encoding="utf-8")
    assert "&#34;&gt;&lt;img src=x onerror=alert(1)&gt;" in article


def local_targets(page: Path, html: str):
    for attr, url in re.findall(r'(href|src)="([^"]+)"', html):
        if url.startswith("data:"):      # images nbconvert embeds in the rendered notebooks
            continue
        if re.match(r"[a-z]+:", url):
            yield attr, url, None, None
            continue
        parsed = urlparse(url)
        target = (page.parent / unquote(parsed.path)).resolve() if parsed.path else page
        yield attr, url, target, parsed.fragment


def test_every_link_and_image_target_exists_and_every_citation_anchor_is_on_its_page():
    reports = ROOT / "reports"
    pages = [reports / "index.html", *sorted((reports / "articles").glob("*.html")),
             *sorted((reports / "notebooks").glob("*.html"))]
    assert len(pages) > 3
    cites = 0
    for page in pages:
        html = page.read_text(encoding="utf-8")
        for attr, url, target, fragment in local_targets(page, html):
            assert target is not None, f"{page.name}: external {attr} {url[:80]} (the site must work offline)"
            assert target.exists(), f"{page.name}: {url} is missing"
            if fragment:
                assert f'id="{fragment}"' in target.read_text(encoding="utf-8"), f"{page.name}: no anchor {url}"
                cites += 1
    assert cites >= 3


def test_site_rebuild_matches_the_committed_site_byte_for_byte(tmp_path):
    reports = ROOT / "reports"
    copy = tmp_path / "reports"
    shutil.copytree(reports, copy, ignore=shutil.ignore_patterns("*.html", "site.css"))
    site.build("seeds", copy)
    built = {p.relative_to(copy): p.read_bytes() for p in copy.rglob("*.html")}
    committed = {p.relative_to(reports): p.read_bytes() for p in reports.rglob("*.html")}
    assert built.keys() == committed.keys()
    assert [name for name in built if built[name] != committed[name]] == []


def test_index_reads_like_a_report():
    html = (ROOT / "reports" / "index.html").read_text(encoding="utf-8")
    sections = re.findall(r'<section id="(\d\d_[a-z_]+)">', html)
    assert len(sections) == len(list(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb")))
    toc = re.search(r'<nav class="toc".*?</nav>', html, re.S).group(0)
    assert re.findall(r'href="#([^"]+)"', toc) == ["corpus", *sections]
    figures = re.findall(r"<figure>(.*?)</figure>", html, re.S)
    assert len(figures) >= 7
    for f in figures:
        caption = re.search(r"<figcaption>(.*?)</figcaption>", f, re.S)
        assert caption and len(re.sub(r"<[^>]+>", "", caption.group(1)).split()) >= 5, f[:200]
    answers = re.findall(r'<ul class="answer">(.*?)</ul>', html, re.S)
    assert len(answers) == len(sections)       # the corpus summary, then 02..07: 01's answer shown once
    for a in answers:
        assert a.count("<li>") >= 1 and "**" not in a and "`" not in a
    overview = (ROOT / "reports" / "01_corpus_overview" / "answer.md").read_text().split(".")[0]
    assert html.count(overview) == 1
    assert "nan" not in re.sub(r"<[^>]+>", " ", html).lower().split()
    assert re.search(r'class="cite"[^>]*>\d+:\d+-\d+</a>', html), "citations show their id, e.g. 004:888-898"
    for span in re.findall(r"<blockquote>.*?<mark>(.*?)</mark>", html):
        assert len("".join(span.split())) >= 2, f"key evidence highlights {span!r}"


def test_answer_markdown_is_rendered_and_html_in_it_stays_escaped():
    items = site.answer_items("The **pace** rose 2.7-fold in the U.S. Army. Then <b>it</b> fell.\n\nA new point.")
    assert [str(i) for i in items] == ["The <strong>pace</strong> rose 2.7-fold in the U.S. Army.",
                                       "Then &lt;b&gt;it&lt;/b&gt; fell.", "A new point."]


def test_article_pages_say_which_notebooks_cite_them():
    html = (ROOT / "reports" / "articles" / "004.html").read_text(encoding="utf-8")
    cited_by = re.search(r'<section class="cited-by">(.*?)</section>', html, re.S).group(1)
    assert 'href="../index.html#02_desertion_prosecutions"' in cited_by


@pytest.fixture(scope="module")
def browser():
    if not (CHROMIUM and CHROMEDRIVER):
        pytest.skip("no Chromium + chromedriver on this machine (apt-get install chromium chromium-driver; CI does)")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage", "--window-size=1200,1600", "--allow-file-access-from-files"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    yield driver
    driver.quit()


def test_index_in_a_real_browser(browser, tmp_path):
    from selenium.webdriver.common.by import By

    index = ROOT / "reports" / "index.html"
    browser.get(index.as_uri())
    assert browser.title == "What the coverage of the Russia-Ukraine war says"
    images = browser.find_elements(By.TAG_NAME, "img")
    assert images
    for img in images:
        assert browser.execute_script("return arguments[0].complete && arguments[0].naturalWidth > 0", img), \
            img.get_attribute("src")
    errors = [e for e in browser.get_log("browser") if e["level"] == "SEVERE"]
    assert errors == []
    link = browser.find_elements(By.CSS_SELECTOR, "a.cite")[0]
    fragment = urlparse(link.get_attribute("href")).fragment
    link.click()
    assert browser.current_url.endswith("#" + fragment)
    target = browser.execute_script("return document.querySelector(':target')")
    assert target is not None and target.tag_name == "mark" and target.get_attribute("id") == fragment
    assert [e for e in browser.get_log("browser") if e["level"] == "SEVERE"] == []
    shot = tmp_path / "index.png"
    browser.get(index.as_uri())
    browser.save_screenshot(str(shot))
    assert shot.stat().st_size > 10_000
    toc = browser.find_elements(By.CSS_SELECTOR, "nav.toc a")
    assert len(toc) >= 8 and all(a.is_displayed() for a in toc)
    captions = browser.find_elements(By.CSS_SELECTOR, "figure figcaption")
    assert captions and all(c.text.strip() for c in captions)
    for ul in browser.find_elements(By.CSS_SELECTOR, "ul.answer"):
        assert "**" not in ul.text and "`" not in ul.text
        assert ul.find_elements(By.TAG_NAME, "li")


@pytest.mark.parametrize("page", ["index.html", "articles/004.html", "notebooks/04_casualty_claims.html"])
def test_pages_fit_a_390px_phone(browser, page):
    browser.set_window_size(390, 844)
    try:
        browser.get((ROOT / "reports" / page).as_uri())
        inner = browser.execute_script("return window.innerWidth")
        scroll = browser.execute_script("return document.documentElement.scrollWidth")
        assert scroll <= inner, f"{page} is {scroll}px wide in a {inner}px window"
    finally:
        browser.set_window_size(1200, 1600)


def test_hostile_text_renders_as_visible_text_in_a_browser(browser, hostile_site):
    from selenium.webdriver.common.by import By

    browser.get((hostile_site / "articles" / "030.html").as_uri())
    text = browser.find_element(By.TAG_NAME, "body").text
    assert SCRIPT in text and IMG in text
    assert browser.find_elements(By.CSS_SELECTOR, "img") == []
    browser.get((hostile_site / "index.html").as_uri())
    assert SCRIPT in browser.find_element(By.TAG_NAME, "body").text


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_make_lab_serves_the_notebooks_with_the_project_kernel():
    port = free_port()
    args = f"--no-browser --ip=127.0.0.1 --port={port} --ServerApp.port_retries=0 --IdentityProvider.token="
    proc = subprocess.Popen(["make", "lab", f"VENV={sys.prefix}", "SETUP=", f"LAB_ARGS={args}"], cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(120):
            try:
                contents = json.load(urllib.request.urlopen(f"{base}/api/contents", timeout=2))
                break
            except OSError:
                time.sleep(0.5)
        else:
            pytest.fail("JupyterLab did not answer within 60 s")
        names = {c["name"] for c in contents["content"]}
        assert {p.name for p in NOTEBOOKS.glob("[0-9][0-9]_*.ipynb")} <= names
        specs = json.load(urllib.request.urlopen(f"{base}/api/kernelspecs", timeout=5))
        assert specs["default"] == "python3"
        argv0 = specs["kernelspecs"]["python3"]["spec"]["argv"][0]
        # the project's kernel: the interpreter inside the project virtualenv (not resolved:
        # the venv's python is a link to the base interpreter)
        assert Path(argv0).parent == Path(sys.prefix) / "bin", argv0
        lab = urllib.request.urlopen(f"{base}/lab", timeout=5)
        assert lab.status == 200
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=30)
