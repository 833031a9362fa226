#!/usr/bin/env python3
"""Open every HTML page the runner wrote in a real headless browser and check what a reader sees.

Usage:
    python3 tests/browser/check_pages.py OUT_DIR [--chromium PATH] [--budget-ms 10000] [--jobs 2]

OUT_DIR is a folder written by `gan-notebooks run ... --out OUT_DIR` (pages, plotly.js and katex/ beside them).
Each page is loaded from disk by Chromium (`--headless --dump-dom`), which runs the page's scripts (KaTeX's
auto-render, plotly.js) with no network, and the resulting DOM is checked for:

  * raw LaTeX left in the visible text: a text node outside rendered formulas (`.katex`), code, pre,
    script and style that contains `$`, a TeX command (`\\frac`, `\\mathbb`, ...), a TeX control symbol
    (`\\,`, `\\{`, `\\|`, ...) or a sub/superscript group (`_{`, `^{`);
  * formulas KaTeX could not parse (`.katex-error`);
  * formulas of the notebook that did not reach KaTeX as written: when the page's .ipynb lies beside it (the
    runner writes it there), every `$...$` and `$$...$$` of its Markdown cells (outside code) must be the
    TeX source of a rendered formula (KaTeX keeps it in `<annotation encoding="application/x-tex">`), so
    a formula that rendered but lost a backslash on the way counts too;
  * charts that did not draw: every `Plotly.newPlot('<id>', ...)` in the page must leave an
    `svg.main-svg` inside the element with that id;
  * uncaught script errors reported on the browser console.

Prints one line per page (formulas rendered, raw-LaTeX fragments, charts drawn/total) and a snippet for
every problem. Exits 1 if any page has a problem (or no page was found), 0 otherwise.
Standard library only.
"""

from __future__ import annotations

import argparse
import collections
import concurrent.futures
import html.parser
import json
import pathlib
import re
import subprocess
import sys
import tempfile

# Elements whose text a reader does not see as prose, or where `$` and backslashes are literal.
SKIPPED_TAGS = {"script", "style", "head", "title", "pre", "code", "kbd", "samp", "textarea", "noscript"}
VOID_TAGS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"}

RAW_LATEX = re.compile(
    r"\$"                       # a math delimiter that was not consumed
    r"|\\[A-Za-z]+"             # a control word: \frac, \mathbb, \lVert ...
    r"|\\[,;:!{}|\[\]()\\]"     # a control symbol: \, \{ \| \[ \( \\ ...
    r"|[_^]\{"                  # a sub- or superscript group
)
# A chart's target: the course's figures find their div by id (div[id="gan-fig-…"]) and then call Plotly.newPlot on it;
# other pages may pass the id to Plotly.newPlot directly.
NEW_PLOT = re.compile(r"Plotly\.newPlot\(\s*['\"]([^'\"]+)['\"]|div\[id=\"([^\"]+)\"\]")

# The notebook's own formulas, read plainly: code removed, then $$...$$ and $...$ left to right. A lone `$`
# must be followed by a non-space and closed by a `$` after a non-space and before a non-digit, as in
# Jupyter and pandoc, so a price like "$5 and $10" is not taken for a formula.
MD_CODE = re.compile(r"^ {0,3}(```|~~~).*?^ {0,3}\1[^\n]*$|(`+).+?\2", re.S | re.M)
MD_MATH = re.compile(r"(?<!\\)\$\$((?:\\.|[^\\$]|\$(?!\$))+?)\$\$"
                     r"|(?<!\\)\$(?![\s$])((?:\\.|[^\\$])*?)(?<![\s\\])\$(?!\d)", re.S)


class PageDom(html.parser.HTMLParser):
    """Walks a dumped DOM and collects visible raw-LaTeX text, formulas, KaTeX errors and chart targets."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, bool, str | None, bool]] = []  # (tag, hidden from the check, id, inside a formula)
        self.formulas = 0
        self.katex_errors: list[str] = []
        self.raw: list[str] = []
        self.scripts: list[str] = []
        self.drawn_ids: set[str] = set()
        self.tex_sources: list[str] = []

    def _hidden(self) -> bool:
        return bool(self.stack) and self.stack[-1][1]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        classes = (a.get("class") or "").split()
        in_formula = bool(self.stack) and self.stack[-1][3]
        if "katex" in classes and not in_formula:
            self.formulas += 1
        if "katex-error" in classes:
            self.katex_errors.append((a.get("title") or "").strip())
        if "main-svg" in classes:
            self.drawn_ids.update(i for (_, _, i, _) in self.stack if i)
        hidden = (self._hidden() or tag in SKIPPED_TAGS or "katex" in classes or "katex-display" in classes
                  or "katex-error" in classes)
        if tag in VOID_TAGS:
            return
        self.stack.append((tag, hidden, a.get("id"), in_formula or "katex" in classes))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        # Chromium's serializer writes no self-closing tags except for void elements; treat like a start+end.
        self.handle_starttag(tag, attrs)
        if tag not in VOID_TAGS and self.stack and self.stack[-1][0] == tag:
            self.stack.pop()

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID_TAGS:
            return
        # Pop to the matching open element (the serializer closes every element it opens).
        for k in range(len(self.stack) - 1, -1, -1):
            if self.stack[k][0] == tag:
                del self.stack[k:]
                break

    def handle_data(self, data: str) -> None:
        if self.stack and self.stack[-1][0] == "script":
            self.scripts.append(data)
            return
        if self.stack and self.stack[-1][0] == "annotation":
            self.tex_sources.append(data)
            return
        if self._hidden() or not data.strip():
            return
        if RAW_LATEX.search(data):
            self.raw.append(data)


def snippet(text: str, width: int = 110) -> str:
    """The text around the first raw-LaTeX match, on one line."""
    flat = " ".join(text.split())
    m = RAW_LATEX.search(flat)
    start = max(0, (m.start() if m else 0) - width // 2)
    s = flat[start:start + width]
    return ("…" if start > 0 else "") + s + ("…" if start + width < len(flat) else "")


def notebook_formulas(page: pathlib.Path) -> list[str] | None:
    """The TeX of every formula in the Markdown cells of the notebook beside the page, or None if there is none."""
    notebook = page.with_suffix(".ipynb")
    if not notebook.exists():
        return None
    cells = json.loads(notebook.read_text(encoding="utf-8")).get("cells", [])
    formulas = []
    for cell in cells:
        if cell.get("cell_type") != "markdown":
            continue
        source = cell.get("source", "")
        text = MD_CODE.sub(" ", "".join(source) if isinstance(source, list) else source)
        formulas += [(m.group(1) if m.group(1) is not None else m.group(2)) for m in MD_MATH.finditer(text)]
    return formulas


def render(page: pathlib.Path, chromium: str, budget_ms: int) -> tuple[str, str]:
    """The page's DOM after its scripts ran, and the browser's console log."""
    with tempfile.TemporaryDirectory(prefix="check-pages-") as profile:
        proc = subprocess.run(
            [chromium, "--headless", "--disable-gpu", "--no-sandbox", "--no-first-run", "--disable-extensions",
             f"--user-data-dir={profile}", "--enable-logging=stderr", "--v=0",
             f"--virtual-time-budget={budget_ms}", "--dump-dom", page.resolve().as_uri()],
            capture_output=True, text=True, timeout=120)
    if proc.returncode != 0 or "<html" not in proc.stdout:
        raise RuntimeError(f"chromium exited with {proc.returncode}: {proc.stderr.strip()[-500:]}")
    return proc.stdout, proc.stderr


def check(page: pathlib.Path, chromium: str, budget_ms: int) -> tuple[str, list[str]]:
    """One summary line for the page and its problems."""
    try:
        dom, console = render(page, chromium, budget_ms)
    except (RuntimeError, subprocess.TimeoutExpired) as e:
        return f"{page.name}: could not render", [f"  browser: {e}"]
    parsed = PageDom()
    parsed.feed(dom)
    parsed.close()
    charts = [m.group(1) or m.group(2) for s in parsed.scripts for m in NEW_PLOT.finditer(s)]
    charts = list(dict.fromkeys(charts))
    not_drawn = [c for c in charts if c not in parsed.drawn_ids]
    script_errors = [line.split(":INFO:CONSOLE", 1)[-1].strip() for line in console.splitlines()
                     if ":CONSOLE" in line and "Uncaught" in line]
    expected = notebook_formulas(page)
    not_as_written = []
    if expected is not None:
        rendered = collections.Counter(t.strip() for t in parsed.tex_sources)
        for tex in expected:
            if rendered[tex.strip()] > 0:
                rendered[tex.strip()] -= 1
            else:
                not_as_written.append(tex)
    problems = [f"  raw LaTeX: {snippet(t)}" for t in parsed.raw]
    problems += [f"  formula not rendered as written: {' '.join(t.split())[:110]}" for t in not_as_written]
    problems += [f"  KaTeX could not parse: {' '.join(e.split())[:160]}" for e in parsed.katex_errors]
    problems += [f"  chart did not draw: #{c}" for c in not_drawn]
    problems += [f"  script error: {e[:200]}" for e in script_errors]
    of_notebook = ("" if expected is None else
                   f" ({len(expected) - len(not_as_written)}/{len(expected)} of the notebook's exactly as written)")
    line = (f"{page.name}: {parsed.formulas} formulas rendered{of_notebook}, {len(parsed.raw)} raw-LaTeX fragments, "
            f"{len(parsed.katex_errors)} KaTeX errors, charts {len(charts) - len(not_drawn)}/{len(charts)} drawn"
            + (f", {len(script_errors)} script errors" if script_errors else "")
            + (" — FAIL" if problems else " — ok"))
    return line, problems


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out_dir", type=pathlib.Path, help="folder with the runner's HTML pages")
    ap.add_argument("--chromium", default="/usr/bin/chromium", help="browser binary (default: /usr/bin/chromium)")
    ap.add_argument("--budget-ms", type=int, default=10000,
                    help="virtual time the page's scripts get before the DOM is read (default: 10000)")
    ap.add_argument("--jobs", type=int, default=2, help="pages rendered at once (default: 2)")
    args = ap.parse_args(argv)

    pages = sorted(args.out_dir.glob("*.html"))
    if not pages:
        print(f"no .html pages in {args.out_dir}", file=sys.stderr)
        return 1
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        results = list(pool.map(lambda p: check(p, args.chromium, args.budget_ms), pages))
    failed = 0
    for line, problems in results:
        print(line)
        for p in problems:
            print(p)
        failed += bool(problems)
    print(f"{len(pages) - failed}/{len(pages)} pages clean")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
