#!/usr/bin/env python3
"""Finds import circles between the source files of a Rust crate.

An edge `a -> b` is any path in `a` that names an item of the module in file
`b` (`use crate::x::y`, `crate::x::y::z` in code, `super::`, `self::`),
resolved to the deepest module that has a file. A `mod x;` declaration is
not an edge (a parent owning a child is not the parent depending on it).
Test code counts too: a low module's tests reaching up is still a circle a
reader has to untangle. Prints every circle (strongly connected component
of more than one file) and exits 1 when there is one.

    tools/import_cycles.py crates/engine/src [src ...]
"""
import re
import sys
from pathlib import Path


def module_of(root: Path, file: Path) -> tuple:
    parts = list(file.relative_to(root).with_suffix("").parts)
    if parts[-1] in ("mod", "lib", "main"):
        parts = parts[:-1]
    return tuple(parts)


def strip_comments(text: str) -> str:
    text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
    return re.sub(r"//[^\n]*", "", text)


def inline_depths(text: str):
    """For each offset, how many inline `mod x { … }` blocks enclose it
    (a `super::` inside `mod tests` names the file's own module)."""
    depth_at = [0] * (len(text) + 1)
    opens = {m.end() - 1 for m in re.finditer(r"\bmod\s+\w+\s*\{", text)}
    stack, depth, inline = [], 0, 0
    for i, c in enumerate(text):
        if c == "{":
            stack.append(i in opens)
            inline += i in opens
        elif c == "}" and stack:
            inline -= stack.pop()
        depth_at[i] = inline
    return depth_at


def paths_in(text: str):
    """Every path that may name a module of the crate, with `use` groups
    expanded, as (path, enclosing inline modules)."""
    depth = inline_depths(text)
    for match in re.finditer(r"\buse\s+([^;]+);", text):
        for path in expand(re.sub(r"\s+", "", match.group(1))):
            yield path, depth[match.start()]
    for match in re.finditer(r"(?<![\w:])((?:crate|super|self|[a-z_]\w*)(?:::\w+)+)", text):
        if not re.match(r"use\b", text[match.start() - 4 : match.start()].strip() or "x"):
            yield match.group(1), depth[match.start()]


def expand(tree: str):
    """`a::{b, c::{d, e}}` -> a::b, a::c::d, a::c::e."""
    depth, start = 0, None
    for i, c in enumerate(tree):
        if c == "{":
            if depth == 0:
                start = i
            depth += 1
        elif c == "}":
            depth -= 1
            if depth == 0:
                prefix, inner = tree[:start], tree[start + 1 : i]
                for part in split_top(inner):
                    yield from expand(prefix + part)
                return
    yield re.sub(r"\bas\b.*$", "", tree)


def split_top(s: str):
    depth, last = 0, 0
    for i, c in enumerate(s):
        if c == "{":
            depth += 1
        elif c == "}":
            depth -= 1
        elif c == "," and depth == 0:
            yield s[last:i]
            last = i + 1
    if s[last:]:
        yield s[last:]


def resolve(path: str, here: tuple, modules: set, inline: int = 0):
    parts = path.split("::")
    # Inside inline modules, `super::` first climbs out of them to the file.
    while inline and parts and parts[0] == "super":
        parts, inline = ["self"] + parts[1:], inline - 1
    if inline and parts[0] not in ("crate", "super", "self"):
        return None
    if parts[0] == "crate":
        base, rest = (), parts[1:]
    elif parts[0] not in ("super", "self"):
        # A bare path: the current module's child, or another crate.
        if here + (parts[0],) not in modules:
            return None
        base, rest = here, parts
    else:
        base = here
        rest = parts
        while rest and rest[0] in ("super", "self"):
            if rest[0] == "super":
                base = base[:-1]
            rest = rest[1:]
    target = base
    for part in rest:
        if base + (part,) in modules or tuple(list(target) + [part]) in modules:
            target = target + (part,)
        else:
            break
    return target if target in modules else None


def main(roots):
    verbose = "--why" in roots
    roots = [r for r in roots if r != "--why"]
    failed = False
    for root in map(Path, roots):
        files = {module_of(root, f): f for f in sorted(root.rglob("*.rs"))}
        modules = set(files)
        edges = {m: set() for m in modules}
        why = {}
        for module, file in files.items():
            for path, inline in paths_in(strip_comments(file.read_text())):
                target = resolve(path, module, modules, inline)
                if target is not None and target != module and not is_ancestor(target, module):
                    edges[module].add(target)
                    why.setdefault((module, target), path)
        for component in strongly_connected(edges):
            if len(component) > 1:
                failed = True
                names = sorted(str(files[m].relative_to(root)) for m in component)
                print(f"{root}: import circle of {len(names)} files: {', '.join(names)}")
                if verbose:
                    inside = set(component)
                    for (a, b), path in sorted(why.items()):
                        if a in inside and b in inside:
                            print(f"    {files[a].relative_to(root)} -> {files[b].relative_to(root)}  ({path})")
    return 1 if failed else 0


def is_ancestor(target: tuple, module: tuple) -> bool:
    """Never: a child reaching `super::X` depends on its parent's file."""
    return False


def strongly_connected(edges):
    index, low, stack, on_stack, result, counter = {}, {}, [], set(), [], [0]
    sys.setrecursionlimit(10000)

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on_stack.add(v)
        for w in edges[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            result.append(component)

    for v in sorted(edges):
        if v not in index:
            visit(v)
    return result


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:] or ["crates/engine/src"]))  # --why: print each circle's edges
