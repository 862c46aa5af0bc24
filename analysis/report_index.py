"""reports/index.md: every notebook's outputs, listed in notebook order."""
from __future__ import annotations

from pathlib import Path

from .paths import resolve


def write(reports_dir="reports") -> Path:
    root = resolve(reports_dir)
    lines = ["# Reports", "", "Written by `make reports`; do not edit by hand.", ""]
    for folder in sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith(".")):
        lines += [f"## {folder.name}", ""]
        for f in sorted(folder.iterdir()):
            if f.suffix == ".png":
                lines.append(f"![{f.stem}]({folder.name}/{f.name})")
                lines.append("")
        for f in sorted(folder.iterdir()):
            if f.suffix != ".png":
                lines.append(f"- [{f.name}]({folder.name}/{f.name})")
        lines.append("")
    path = root / "index.md"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path
