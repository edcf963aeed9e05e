#!/usr/bin/env python3
"""Builds the single self-contained page, scorecard.html, from a Trunk build
(dist/): CSS, the page's JavaScript and WebAssembly, and the background
worker's, all inlined, so the file works opened by double-click from a
folder (file://) with no server and no other file.

- The WebAssembly modules are base64 text in inert <script type="text/plain">
  data blocks; one inline module script (pinned in the CSP by its SHA-256)
  holds the page's wasm-bindgen glue, decodes the page's module and starts it.
- The worker cannot be a file beside the page, so the script defines
  `window.scorecardWorkerUrl` as a getter that, on first use, makes a blob:
  URL of the worker's glue with its module inlined (src/ui/engine.rs reads it).
- The CSP allows no network at all: connect-src 'none', default-src 'none';
  scripts only the pinned one, workers only blob:.

Usage: tools/single_file.py [DIST [OUT]]   (default dist, dist-single/scorecard.html)
"""
import base64
import hashlib
import html
import os
import re
import sys

DIST = sys.argv[1] if len(sys.argv) > 1 else "dist"
OUT = sys.argv[2] if len(sys.argv) > 2 else os.path.join("dist-single", "scorecard.html")


def read(name):
    with open(os.path.join(DIST, name), encoding="utf-8") as f:
        return f.read()


def read_bytes(name):
    with open(os.path.join(DIST, name), "rb") as f:
        return f.read()


def fail(why):
    sys.exit(f"single_file: {why}")


index = read("index.html")
page_glue = read("csc-scorecard.js")
page_wasm = read_bytes("csc-scorecard_bg.wasm")
worker_glue = read("worker.js")
worker_wasm = read_bytes("worker_bg.wasm")
css = [read(href.lstrip("/")) for href in re.findall(r'<link rel="stylesheet" href="([^"]+)"', index)]
if len(css) != 2:
    fail(f"expected the two stylesheets in {DIST}/index.html, found {len(css)}")

# The page's glue is an ES module: inline, it must export nothing, and it
# gets its module as bytes rather than fetching a URL beside it.
if re.search(r"^import ", page_glue, flags=re.M):
    fail("the page's glue imports other files (snippets?): they would need inlining too")
glue, exports = re.subn(r"^export \{[^}]*\};?\s*$", "", page_glue, flags=re.M)
if exports != 1:
    fail("the page's glue no longer ends with one `export { … }` line")
glue = re.sub(r"^export (class|function|const|let) ", r"\1 ", glue, flags=re.M)
if re.search(r"^export ", glue, flags=re.M):
    fail("the page's glue has an export this tool does not know")
if "let wasm_bindgen = (function(exports)" not in worker_glue:
    fail("the worker's glue is not wasm-bindgen's no-modules form")

bootstrap = (
    "\n"
    + glue
    + """
// --- single-file start (tools/single_file.py) ---
function scorecardBytes(id) {
  const text = document.getElementById(id).textContent.trim();
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
let scorecardWorkerBlobUrl;
Object.defineProperty(window, 'scorecardWorkerUrl', {
  get() {
    if (!scorecardWorkerBlobUrl) {
      const glue = document.getElementById('scorecard-worker-js').textContent;
      const wasm = document.getElementById('scorecard-worker-wasm').textContent.trim();
      const start = `\\n;(function () {
  const binary = atob(${JSON.stringify(wasm)});
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  wasm_bindgen({ module_or_path: bytes });
})();\\n`;
      scorecardWorkerBlobUrl = URL.createObjectURL(new Blob([glue, start], { type: 'text/javascript' }));
    }
    return scorecardWorkerBlobUrl;
  },
});
await __wbg_init({ module_or_path: scorecardBytes('scorecard-page-wasm') });
"""
)
# Inside <script>, "</script" would end it and "<!--" changes how the rest
# is parsed: neither may appear in what is inlined.
for what, text in (("the page's glue", bootstrap), ("the worker's glue", worker_glue)):
    if "</script" in text.lower() or "<!--" in text:
        fail(f"{what} contains </script or <!--, which cannot be inlined as is")

script_hash = base64.b64encode(hashlib.sha256(bootstrap.encode("utf-8")).digest()).decode()
policy = "; ".join(
    [
        "default-src 'none'",
        f"script-src 'sha256-{script_hash}' 'wasm-unsafe-eval'",
        "style-src 'unsafe-inline'",
        "img-src data: blob:",
        "worker-src blob:",
        "connect-src 'none'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'none'",
        "frame-src 'none'",
    ]
)

# Keep the page's head and body, drop Trunk's links and loader.
head = index.split("<head>", 1)[1].split("</head>", 1)[0]
body = index.split("<body>", 1)[1].split("</body>", 1)[0]
head = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*/>', "", head, flags=re.S)
head = re.sub(r"<!--.*?-->", "", head, flags=re.S)
head = re.sub(r"<link rel=\"(stylesheet|modulepreload|preload)\"[^>]*>", "", head)
head = re.sub(r"<script type=\"module\">.*?</script>", "", head, flags=re.S)
if "<script" in head or "<link rel=\"stylesheet\"" in head:
    fail("the page's head has something this tool does not know how to inline")
head = "\n".join(line.rstrip() for line in head.splitlines() if line.strip())

out = f"""<!DOCTYPE html>
<html lang="en-GB">
<head>
<!-- Children's services performance scorecard, single-file build: everything
     it needs is in this file. It makes no network request (see the policy:
     connect-src 'none'); your files are read in this browser only. -->
<meta http-equiv="Content-Security-Policy" content="{html.escape(policy, quote=True)}" />
{head}
<style>
{css[0]}
</style>
<style>
{css[1]}
</style>
<script type="text/plain" id="scorecard-page-wasm">
{base64.b64encode(page_wasm).decode()}
</script>
<script type="text/plain" id="scorecard-worker-wasm">
{base64.b64encode(worker_wasm).decode()}
</script>
<script type="text/plain" id="scorecard-worker-js">
{worker_glue}
</script>
<script type="module">{bootstrap}</script>
</head>
<body>{body}</body>
</html>
"""
os.makedirs(os.path.dirname(OUT) or ".", exist_ok=True)
with open(OUT, "w", encoding="utf-8") as f:
    f.write(out)
print(f"single_file: wrote {OUT} ({len(out.encode('utf-8')) / 1e6:.1f} MB)")
