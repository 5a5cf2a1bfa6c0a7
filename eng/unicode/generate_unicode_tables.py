#!/usr/bin/env python3
"""Regenerate src/Multicast/Text/PythonUnicode.g.cs.

Multicast for .NET must treat text exactly as Python 3 does (HEAR's echo is `str.upper()`,
CLI messages use `repr()`, environment values go through `int()`). .NET gets almost all of it
right with its own invariant tables; this script finds the code points where it does not, by
comparing the python3 running this script with the .NET runtime (DotnetUnicodeDump.cs, run with
InvariantGlobalization like the library), and writes only those differences as C# tables:

* upper-casing: every code point whose `str.upper()` differs from `Rune.ToUpperInvariant`
  (SpecialCasing's one-to-many mappings such as U+00DF -> "SS", and single mappings where the
  two Unicode versions disagree);
* printability (`str.isprintable()`, which decides what `repr()` escapes) where Python's
  answer differs from the Unicode category .NET reports;
* the decimal digits `int()` accepts, as the code point of each run's zero.

It also checks the whitespace assumptions PythonUnicode.cs makes and stops if they fail.

Usage: python3 eng/unicode/generate_unicode_tables.py   (needs `dotnet` on PATH)
"""

from __future__ import annotations

import pathlib
import platform
import subprocess
import sys
import unicodedata

HERE = pathlib.Path(__file__).resolve().parent
OUTPUT = HERE.parent.parent / "src" / "Multicast" / "Text" / "PythonUnicode.g.cs"

# .NET UnicodeCategory values that Python's isprintable() treats as "not printable"
# (Zs, Zl, Zp, Cc, Cf, Cs, Co, Cn; the ASCII space is the one printable exception).
NOT_PRINTABLE_CATEGORIES = {11, 12, 13, 14, 15, 16, 17, 29}
SPLIT_ONLY_SPACES = {0x1C, 0x1D, 0x1E, 0x1F}


def scalar_values():
    return (cp for cp in range(0x110000) if not 0xD800 <= cp <= 0xDFFF)


def read_dotnet():
    result = subprocess.run(
        ["dotnet", "run", "DotnetUnicodeDump.cs"],
        cwd=HERE, check=True, capture_output=True, text=True,
    )
    runtime = result.stderr.strip().splitlines()[-1]
    upper, category, white = {}, {}, set()
    for line in result.stdout.splitlines():
        cp, up, cat, ws = line.split()
        cp = int(cp, 16)
        upper[cp] = int(up, 16)
        category[cp] = int(cat)
        if ws == "1":
            white.add(cp)
    return runtime, upper, category, white


def utf16_length(text):
    return len(text.encode("utf-16-le")) // 2


def upper_differences(dotnet_upper):
    table = []
    for cp in scalar_values():
        python = chr(cp).upper()
        if python != chr(dotnet_upper[cp]):
            table.append((cp, python))
    return table


def ranges(values):
    result = []
    for cp in values:
        if result and result[-1][1] == cp - 1:
            result[-1][1] = cp
        else:
            result.append([cp, cp])
    return result


def printable_differences(category):
    python_only_not, python_only_yes = [], []
    for cp in scalar_values():
        python = chr(cp).isprintable()
        dotnet = cp == 0x20 or category[cp] not in NOT_PRINTABLE_CATEGORIES
        if python and not dotnet:
            python_only_yes.append(cp)
        elif dotnet and not python:
            python_only_not.append(cp)
    return ranges(python_only_not), ranges(python_only_yes)


def decimal_zeros():
    zeros = sorted(cp for cp in scalar_values() if unicodedata.decimal(chr(cp), None) == 0)
    zero_set = set(zeros)
    for cp in scalar_values():
        digit = unicodedata.decimal(chr(cp), None)
        if digit is not None:
            assert cp - digit in zero_set, f"U+{cp:04X} is not in a run of ten digits"
            assert int(chr(cp)) == digit
    return zeros


def check_whitespace(dotnet_white):
    python_split = {cp for cp in scalar_values() if chr(cp).isspace()}
    assert python_split == dotnet_white | SPLIT_ONLY_SPACES, "str.split() whitespace changed"
    int_strip = set()
    for cp in python_split:
        try:
            int(chr(cp) + "5" + chr(cp))
            int_strip.add(cp)
        except ValueError:
            pass
    assert int_strip == dotnet_white, "int() whitespace is no longer char.IsWhiteSpace"


def cs_string(text):
    out = []
    for unit in text.encode("utf-16-le").hex(" ", 2).split():
        value = int(unit[2:4] + unit[0:2], 16)
        out.append(chr(value) if 0x20 <= value < 0x7F and chr(value) not in '"\\' else f"\\u{value:04X}")
    return "".join(out)


def cs_int_list(values, per_line=8, fmt="0x{:04X}"):
    if not values:
        return "[]"
    lines = []
    for i in range(0, len(values), per_line):
        lines.append("        " + ", ".join(fmt.format(v) for v in values[i:i + per_line]) + ",")
    return "[\n" + "\n".join(lines) + "\n    ]"


def cs_concatenation(pieces):
    """One literal per line, each commented with the code point it belongs to."""
    lines = [f'        "{cs_string(text)}" + // U+{cp:04X}' for cp, text in pieces]
    lines[-1] = lines[-1].replace('" + //', '"; //')
    return "\n" + "\n".join(lines)


def render(runtime, upper, not_printable, printable, zeros):
    ends, position = [], 0
    for _, python in upper:
        position += utf16_length(python)
        ends.append(position)
    expansion = max(-(-utf16_length(p) // utf16_length(chr(cp))) for cp, p in upper)
    source = (
        f"Python {platform.python_version()} (Unicode {unicodedata.unidata_version}) "
        f"against {runtime} with InvariantGlobalization"
    )
    return f"""// <auto-generated>
// Generated by eng/unicode/generate_unicode_tables.py from {source}.
// Do not edit: rerun the script. It lists only the code points where Python and .NET disagree.
// </auto-generated>

namespace Multicast;

internal static partial class PythonUnicode
{{
    /// <summary>Python's <c>str.upper()</c> makes a UTF-16 string at most this many times longer.</summary>
    internal const int MaxUpperExpansion = {expansion};

    /// <summary>Code points whose Python upper case is not what <c>Rune.ToUpperInvariant</c> gives, ascending.</summary>
    private static ReadOnlySpan<int> UpperKeys => {cs_int_list([cp for cp, _ in upper])};

    /// <summary>Where each key's upper case ends in <see cref="UpperText"/> (it starts where the previous one ends).</summary>
    private static ReadOnlySpan<ushort> UpperEnds => {cs_int_list(ends, per_line=16, fmt="{}")};

    /// <summary>The upper cases of <see cref="UpperKeys"/>, concatenated.</summary>
    private const string UpperText ={cs_concatenation(upper)}

    /// <summary>First code points of the ranges Python does not print although .NET's category would.</summary>
    private static ReadOnlySpan<int> NotPrintableStarts => {cs_int_list([r[0] for r in not_printable])};

    /// <summary>Last code points of those ranges.</summary>
    private static ReadOnlySpan<int> NotPrintableEnds => {cs_int_list([r[1] for r in not_printable])};

    /// <summary>First code points of the ranges Python prints although .NET's category would not.</summary>
    private static ReadOnlySpan<int> PrintableStarts => {cs_int_list([r[0] for r in printable])};

    /// <summary>Last code points of those ranges.</summary>
    private static ReadOnlySpan<int> PrintableEnds => {cs_int_list([r[1] for r in printable])};

    /// <summary>The zero of every run of ten decimal digits Python's <c>int()</c> accepts, ascending.</summary>
    private static ReadOnlySpan<int> DecimalZeros => {cs_int_list(zeros)};
}}
"""


def main():
    runtime, dotnet_upper, category, white = read_dotnet()
    check_whitespace(white)
    upper = upper_differences(dotnet_upper)
    not_printable, printable = printable_differences(category)
    zeros = decimal_zeros()
    OUTPUT.write_text(render(runtime, upper, not_printable, printable, zeros), encoding="utf-8", newline="\n")
    print(f"{OUTPUT}: {len(upper)} upper-case entries, {len(not_printable) + len(printable)} "
          f"printability ranges, {len(zeros)} digit runs", file=sys.stderr)


if __name__ == "__main__":
    main()
