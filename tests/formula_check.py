"""Check that a formula line the X-ray writes is an identity with the numbers it shows."""

from __future__ import annotations

import re

NUMBER = re.compile(r"\d+(?:\.\d+)?(?:e[+-]\d+)?")
ARITHMETIC = re.compile(r"[\d.e+\-*/() ]+")


def _arithmetic(segment: str) -> tuple[float, float] | None:
    """A formula segment's value and the value with every number and sign made positive (the
    scale of its rounding error); None for a segment with symbols or an elided "…"."""
    text = segment.replace("−", "-").replace("·", "*").strip()
    if not ARITHMETIC.fullmatch(text) or not NUMBER.search(text):
        return None
    numbers = NUMBER.findall(text)
    masked = NUMBER.sub("#", text).replace("-", "+")
    for n in numbers:
        masked = masked.replace("#", n, 1)
    return eval(text, {"__builtins__": {}}), eval(masked, {"__builtins__": {}})


def assert_identity(line: str, expected: float) -> int:
    """Every numeric segment of ``line`` (split at " = ") equals its last one up to rounding to
    4 significant digits, and the last one is ``expected``. Returns how many were checked."""
    values = [v for v in map(_arithmetic, line.split(" = ")) if v is not None]
    assert len(values) >= 2, line
    last = values[-1][0]
    assert abs(last - expected) <= 5e-4 * abs(expected) + 1e-12, (line, expected)
    for value, scale in values[:-1]:
        assert abs(value - last) <= 2e-3 * (scale + abs(last)) + 1e-12, (line, value, last)
    return len(values)
