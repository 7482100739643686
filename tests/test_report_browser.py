"""The review page in headless Chromium: spans and events render, and a screenshot is kept.

Chromium is driven through its own command-line flags (``--dump-dom``, ``--screenshot``), so no
Python browser driver is needed. The page itself has no scripts; to read layout facts (computed
colours, box sizes) the test loads a *copy* with a probe script appended and reads what the probe
writes into the DOM. The screenshot goes to ``tests/artifacts/report.png`` (gitignored).

Skipped when Chromium is missing, unless ``CI`` is set: in CI a missing browser is a failure.
Install with ``apt-get install -y chromium``; ``CHROMIUM=/path/to/binary`` overrides the lookup.
"""

import html
import json
import os
import re
import shutil
import struct
import subprocess
from pathlib import Path

import pytest

from conflict_events.report.render import LABEL_COLOURS, render_report
from conflict_events.spans import span_from_text

from conftest import SAMPLE_SPANS, SAMPLE_TEXT

pytestmark = pytest.mark.integration  # a real headless Chromium

ARTIFACTS = Path(__file__).parent / "artifacts"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync", "--hide-scrollbars"]

PROBE = """<script>
const marks = [...document.querySelectorAll('mark.entity[data-start]')].map(m => {
  const box = m.getBoundingClientRect();
  return {label: m.dataset.label, text: m.firstChild.textContent, tag: m.querySelector('.entity-label').textContent,
          background: getComputedStyle(m).backgroundColor, width: box.width, height: box.height};
});
const tables = [...document.querySelectorAll('table.events')].map(t => ({
  headers: [...t.querySelectorAll('th')].map(th => th.textContent),
  rows: [...t.querySelectorAll('tbody tr')].map(tr => [...tr.cells].map(td => td.textContent)),
  visible: t.getBoundingClientRect().height > 0}));
const texts = [...document.querySelectorAll('div.text')].map(d => {
  const copy = d.cloneNode(true); copy.querySelectorAll('.entity-label').forEach(e => e.remove()); return copy.textContent;});
const out = {marks, tables, texts, title: document.title, sections: document.querySelectorAll('section.article').length};
const pre = document.createElement('pre'); pre.id = 'probe'; pre.textContent = JSON.stringify(out);
document.body.appendChild(pre);
</script>"""


def find_chromium() -> str | None:
    """``$CHROMIUM`` when set (and only it), else /usr/bin/chromium or chromium on the PATH."""
    candidates = [os.environ["CHROMIUM"]] if os.environ.get("CHROMIUM") else \
        ["/usr/bin/chromium", shutil.which("chromium"), shutil.which("chromium-browser")]
    for candidate in candidates:
        if candidate and Path(candidate).is_file() and os.access(candidate, os.X_OK):
            return candidate
    return None


@pytest.fixture(scope="module")
def chromium():
    binary = find_chromium()
    if binary is None:
        if os.environ.get("CI"):
            pytest.fail("CI is set but Chromium is missing: install it with `apt-get install -y chromium`")
        pytest.skip("Chromium not installed (apt-get install -y chromium); this test runs, and must pass, when CI is set")
    return binary


def run_chromium(binary: str, tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    profile = tmp_path / f"profile-{len(list(tmp_path.glob('profile-*')))}"  # a fresh profile per run
    command = [binary, *FLAGS, f"--user-data-dir={profile}", *args]
    result = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, f"{' '.join(command)} failed:\n{result.stderr[-3000:]}"
    return result


def hex_to_rgb(colour: str) -> str:
    r, g, b = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    return f"rgb({r}, {g}, {b})"


@pytest.fixture(scope="module")
def page_file(tmp_path_factory) -> Path:
    articles = [{"id": "a1", "date": "2015-12-09", "title": "Airport attack", "text": SAMPLE_TEXT},
                {"id": "a2", "title": "Escaping <check> & co", "text": "Residents said <b>nothing</b> happened."}]
    spans = [[span_from_text(SAMPLE_TEXT, s["start"], s["end"], s["label"], 0.9) for s in SAMPLE_SPANS],
             [{"start": 0, "end": 9, "label": "SOURCE"}]]
    events = [[{"event_type": "Battles", "actor1": "Taliban fighters", "location": "Kandahar airport",
                "killed": {"low": 37, "high": 37}, "sources": ["officials"], "triggers": [{"start": 53, "end": 60}]}],
              []]
    path = tmp_path_factory.mktemp("page") / "report.html"
    path.write_text(render_report(articles, spans, events), encoding="utf-8")
    return path


def test_page_renders_spans_and_events(chromium, page_file, tmp_path):
    page = page_file.read_text(encoding="utf-8")
    probe_copy = tmp_path / "probed.html"
    without_csp = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", page)  # the CSP would block the probe
    probe_copy.write_text(without_csp.replace("</body>", PROBE + "</body>"), encoding="utf-8")
    dom = run_chromium(chromium, tmp_path, "--dump-dom", probe_copy.as_uri()).stdout
    found = re.search(r'<pre id="probe">(.*?)</pre>', dom, re.S)
    assert found, f"the probe did not run; DOM starts with {dom[:500]!r}"
    probe = json.loads(html.unescape(found.group(1)))

    assert probe["sections"] == 2
    expected = [(s["label"], SAMPLE_TEXT[s["start"]:s["end"]]) for s in SAMPLE_SPANS] + [("SOURCE", "Residents")]
    assert [(m["label"], m["text"]) for m in probe["marks"]] == expected
    for mark in probe["marks"]:
        assert mark["tag"] == mark["label"]  # the label tag inside the mark
        assert mark["width"] > 0 and mark["height"] > 0  # laid out, visible
        assert mark["background"] == hex_to_rgb(LABEL_COLOURS[mark["label"]])  # coloured by label
    assert len({m["background"] for m in probe["marks"]}) == len({m["label"] for m in probe["marks"]})

    events_table, = probe["tables"]  # the second article has no events: a note, not a table
    assert events_table["visible"]
    assert events_table["headers"] == ["event_type", "actor1", "location", "killed", "sources", "triggers"]
    assert events_table["rows"] == [["Battles", "Taliban fighters", "Kandahar airport", "37", "officials", "\u201cstormed\u201d (53-60)"]]
    # without the label tags, the page shows each article's text exactly, markup in it as text
    assert probe["texts"] == [SAMPLE_TEXT, "Residents said <b>nothing</b> happened."]


def test_screenshot_is_kept_as_an_artefact(chromium, page_file, tmp_path):
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / "report.png"
    shot.unlink(missing_ok=True)
    run_chromium(chromium, tmp_path, f"--screenshot={shot}", "--window-size=1280,1600", page_file.as_uri())
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])  # IHDR
    assert (width, height) == (1280, 1600)
    assert len(data) > 20_000  # a rendered page, not a blank image
