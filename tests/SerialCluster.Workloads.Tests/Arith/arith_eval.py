#!/usr/bin/env python3
"""An evaluator of arith's circuit text written apart from the C# one: Python's big integers, reduced mod p = 2**61 - 1
after every gate. Usage: arith_eval.py CIRCUIT_FILE INPUTS_FILE; prints one output value per line, in OUTPUT order."""
import re
import sys

P = 2**61 - 1
CALL = re.compile(r"^\s*(?:(\S+)\s*=\s*)?([A-Za-z]+)\s*\((.*)\)\s*$")


def evaluate(text, inputs):
    values, outputs, next_input = {}, [], 0
    for raw in text.split("\n"):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        target, op, args = CALL.match(line).groups()
        op = op.upper()
        names = [a.strip() for a in args.split(",")]
        if op == "INPUT":
            values[names[0]] = inputs[next_input] % P
            next_input += 1
        elif op == "OUTPUT":
            outputs.append(names[0])
        elif op == "CONST":
            values[target] = int(names[0]) % P
        else:
            operands = [values[n] for n in names]
            if op == "ADD":
                result = sum(operands)
            elif op == "SUB":
                result = operands[0] - sum(operands[1:])
            else:
                result = 1
                for v in operands:
                    result *= v
            values[target] = result % P
    return [values[name] for name in outputs]


def main():
    with open(sys.argv[1], encoding="utf-8") as circuit, open(sys.argv[2], encoding="utf-8") as given:
        inputs = [int(v) for v in given.read().replace(",", " ").split()]
        for value in evaluate(circuit.read(), inputs):
            print(value)


if __name__ == "__main__":
    main()
