#!/usr/bin/env python3
"""Makes the two 1024-bit primes of timelock's built-in demo modulus (TimeLockDemoModulus.cs).

Deterministic: a candidate is SHA-256("serialcluster timelock demo2048 <p|q> <block>") for blocks 0..3, concatenated
(1024 bits), with its top two bits set (so p*q has exactly 2048 bits) and its low bit set; the prime is the first
candidate, counting up by 2, that passes Miller-Rabin with the first 40 primes as bases. Run it again to check the
constants: it prints p, q and N = p*q in decimal.
"""
import hashlib

BASES = [2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59, 61, 67, 71, 73, 79, 83, 89, 97, 101,
         103, 107, 109, 113, 127, 131, 137, 139, 149, 151, 157, 163, 167, 173]


def is_probable_prime(n):
    if n < 2:
        return False
    for b in BASES:
        if n % b == 0:
            return n == b
    d, s = n - 1, 0
    while d % 2 == 0:
        d, s = d // 2, s + 1
    for a in BASES:
        x = pow(a, d, n)
        if x in (1, n - 1):
            continue
        for _ in range(s - 1):
            x = x * x % n
            if x == n - 1:
                break
        else:
            return False
    return True


def prime(label):
    seed = b"".join(hashlib.sha256(f"serialcluster timelock demo2048 {label} {i}".encode()).digest() for i in range(4))
    n = int.from_bytes(seed, "big") | (3 << 1022) | 1
    while not is_probable_prime(n):
        n += 2
    return n


p, q = prime("p"), prime("q")
n = p * q
assert n.bit_length() == 2048 and p != q
print("p =", p)
print("q =", q)
print("N =", n)
