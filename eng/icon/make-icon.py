#!/usr/bin/env python3
"""Draws the packages' icon, eng/icon/icon.png: one sender (a dot) and the arcs of a datagram
going out to many, white on blue, 128x128. Plain Python (zlib), so it needs nothing installed.
    python3 eng/icon/make-icon.py
"""
import math
import os
import struct
import zlib

SIZE = 128
BLUE = (31, 94, 173)
WHITE = (255, 255, 255)


def coverage(x, y):
    """How much of the pixel (x, y) is white, from 0 to 1, sampled 4x4 for smooth edges."""
    hits = 0
    for sy in range(4):
        for sx in range(4):
            px, py = x + (sx + 0.5) / 4, y + (sy + 0.5) / 4
            dx, dy = px - 34, py - SIZE / 2
            r = math.hypot(dx, dy)
            angle = abs(math.degrees(math.atan2(dy, dx)))
            dot = r <= 11
            arcs = angle <= 50 and any(abs(r - radius) <= 5 for radius in (32, 55, 78))
            hits += dot or arcs
    return hits / 16


def row(y):
    pixels = bytearray([0])  # filter type 0 for each scanline
    for x in range(SIZE):
        c = coverage(x, y)
        pixels += bytes(round(b + (w - b) * c) for b, w in zip(BLUE, WHITE))
    return bytes(pixels)


def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


raw = b"".join(row(y) for y in range(SIZE))
png = (b"\x89PNG\r\n\x1a\n"
       + chunk(b"IHDR", struct.pack(">IIBBBBB", SIZE, SIZE, 8, 2, 0, 0, 0))
       + chunk(b"IDAT", zlib.compress(raw, 9))
       + chunk(b"IEND", b""))
with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "icon.png"), "wb") as f:
    f.write(png)
