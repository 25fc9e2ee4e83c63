/*
 * C baseline for the eca kernel: rule 110 on a ring of 4096 cells, bit-parallel (64 cells per uint64_t),
 * the same layout as the C# kernel: cell x is bit x mod 64 of word x / 64, a word's left neighbours are its
 * bits shifted up by one with the previous word's top bit carried in. Written as a plain loop over a row
 * with one spare word at each end so gcc -O3 -march=native vectorises it.
 *
 * Usage: eca_loop [steps] [repeats]. Prints one line:
 *   baseline=eca_rule110 unit=cell-updates units_per_s=<median> best_units_per_s=<max> rule=110 width=4096 steps=<n>
 *   repeats=<r> population=<n>
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#define WORDS 64
#define WIDTH (WORDS * 64)

static double now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

/* Rows live at index 1..WORDS; 0 and WORDS + 1 hold the wrapped neighbours. */
static uint64_t row_a[WORDS + 2] __attribute__((aligned(64)));
static uint64_t row_b[WORDS + 2] __attribute__((aligned(64)));

static void __attribute__((noinline)) run(long steps, uint64_t **source, uint64_t **target)
{
    uint64_t *restrict s = *source;
    uint64_t *restrict d = *target;
    for (long t = 0; t < steps; t++) {
        s[0] = s[WORDS];
        s[WORDS + 1] = s[1];
        for (int i = 1; i <= WORDS; i++) {
            uint64_t c = s[i];
            uint64_t left = (c << 1) | (s[i - 1] >> 63);
            uint64_t right = (c >> 1) | (s[i + 1] << 63);
            d[i] = (c ^ right) | (c & ~left);
        }
        uint64_t *swap = s;
        s = d;
        d = swap;
    }
    *source = s;
    *target = d;
}

static int compare_doubles(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

int main(int argc, char **argv)
{
    long steps = argc > 1 ? atol(argv[1]) : 2000000;
    int repeats = argc > 2 ? atoi(argv[2]) : 5;
    if (steps < 1 || repeats < 1 || repeats > 64) {
        fprintf(stderr, "eca_loop: steps must be >= 1 and repeats in 1..64 (got %ld, %d)\n", steps, repeats);
        return 2;
    }

    /* A fixed pseudo-random start (SplitMix64) so rule 110 has work everywhere. */
    uint64_t seed = 7;
    for (int i = 1; i <= WORDS; i++) {
        uint64_t z = (seed += 0x9e3779b97f4a7c15ULL);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
        row_a[i] = z ^ (z >> 31);
    }

    uint64_t *source = row_a, *target = row_b;
    double samples[64];
    run(steps / 4 + 1, &source, &target);
    for (int r = 0; r < repeats; r++) {
        double start = now_ns();
        run(steps, &source, &target);
        samples[r] = (double)steps * WIDTH / ((now_ns() - start) * 1e-9);
    }
    qsort(samples, (size_t)repeats, sizeof samples[0], compare_doubles);

    long population = 0;
    for (int i = 1; i <= WORDS; i++) {
        population += __builtin_popcountll(source[i]);
    }
    printf("baseline=eca_rule110 unit=cell-updates units_per_s=%.4e best_units_per_s=%.4e rule=110 width=%d steps=%ld repeats=%d "
           "population=%ld\n",
           samples[repeats / 2], samples[repeats - 1], WIDTH, steps, repeats, population);
    return 0;
}
