#!/usr/bin/env python3
"""The tables of docs/SCALING.md from the sweeps scripts/scaling-figures.sh wrote: per sweep the configured serial
fraction (amdahl), the fitted ones with their standard errors, the speedups, the capacity the control measured, USL's
sigma and kappa, and the load average around the sweep. Usage: scaling-table.py OUT_DIR (prints markdown)."""
import glob
import json
import os
import re
import sys


def fit(fits, name):
    f = fits.get(name)
    if not f:
        return "—"
    return f"{f['serialFraction']:.3f} ± {f['serialFractionStdErr']:.3f}" if f.get("serialFractionStdErr") is not None else f"{f['serialFraction']:.3f}"


def load(path):
    base = path[:-len(".json")] + ".load.txt"
    if not os.path.exists(base):
        return "—"
    values = re.findall(r"load average \w+: ([0-9.]+)", open(base).read())
    return " → ".join(values)


def main(out):
    print("| sweep | configured f | fitted f (absolute) | fitted f (relative) | f on measured cores (paired) | S(2) | S(4) | S(8) | C(8) | USL σ, κ | load |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for path in sorted(glob.glob(os.path.join(out, "*.json"))):
        name = os.path.basename(path)[:-len(".json")]
        if name.startswith("contrast"):
            continue
        try:
            d = json.load(open(path))
        except (json.JSONDecodeError, OSError):
            print(f"| {name} | (no result: see {name}.log) |||||||||")
            continue
        if "points" not in d:
            continue
        fits = d.get("fits") or {}
        points = {p["p"]: p for p in d["points"]}
        usl = fits.get("usl") or {}
        configured = d["parameters"].get("serialFraction", "—") if d["workload"] == "amdahl" else "—"
        speed = lambda p: f"{points[p]['speedup']:.2f}×" if p in points else "—"
        c8 = points.get(8, {}).get("capacity")
        usl_text = (f"{usl['sigma']:.3f} ± {usl.get('sigmaStdErr') or float('nan'):.3f}, {usl['kappa']:.4f} ± {usl.get('kappaStdErr') or float('nan'):.4f}"
                    if usl else "—")
        print(f"| {name} | {configured} | {fit(fits, 'amdahl')} | {fit(fits, 'amdahlRelative')} | {fit(fits, 'amdahlPaired')} | "
              f"{speed(2)} | {speed(4)} | {speed(8)} | {'—' if c8 is None else f'{c8:.2f}'} | {usl_text} | {load(path)} |")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "docs/examples/scaling")
