/*
 * C baseline for the hashchain kernel: x <- SHA-256(x) on a 32-byte value, in a loop, through OpenSSL.
 *
 * The headline number uses OpenSSL's low-level API (SHA256_Init/Update/Final: one compression per step,
 * SHA-NI where the CPU has it, no EVP lookup), the fastest ordinary way to call OpenSSL's SHA-256 from C.
 * The one-shot SHA256() is measured too: in OpenSSL 3 it goes through EVP and is several times slower.
 *
 * Usage: sha256_loop [steps] [repeats]. Prints one line:
 *   baseline=sha256_openssl unit=steps units_per_s=<1e9 / median> ns_per_step=<median> best_ns_per_step=<min>
 *   oneshot_ns_per_step=<median> steps=<n> repeats=<r> openssl=<version> digest=<hex>
 */
#define OPENSSL_SUPPRESS_DEPRECATED /* SHA256_Init/Update/Final are deprecated in OpenSSL 3, still exported. */
#include <openssl/opensslv.h>
#include <openssl/sha.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

static void chain_lowlevel(unsigned char x[32], long steps)
{
    SHA256_CTX ctx;
    for (long i = 0; i < steps; i++) {
        SHA256_Init(&ctx);
        SHA256_Update(&ctx, x, 32);
        SHA256_Final(x, &ctx);
    }
}

static void chain_oneshot(unsigned char x[32], long steps)
{
    for (long i = 0; i < steps; i++) {
        SHA256(x, 32, x);
    }
}

static int compare_doubles(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Median and minimum ns/step of `repeats` timed runs of `steps` steps each, after one warm-up run. */
static void measure(void (*chain)(unsigned char *, long), long steps, int repeats, unsigned char x[32],
                    double *median, double *best)
{
    double samples[64];
    chain(x, steps / 4 + 1);
    for (int r = 0; r < repeats; r++) {
        double start = now_ns();
        chain(x, steps);
        samples[r] = (now_ns() - start) / (double)steps;
    }
    qsort(samples, (size_t)repeats, sizeof samples[0], compare_doubles);
    *median = samples[repeats / 2];
    *best = samples[0];
}

int main(int argc, char **argv)
{
    long steps = argc > 1 ? atol(argv[1]) : 5000000;
    int repeats = argc > 2 ? atoi(argv[2]) : 5;
    if (steps < 1 || repeats < 1 || repeats > 64) {
        fprintf(stderr, "sha256_loop: steps must be >= 1 and repeats in 1..64 (got %ld, %d)\n", steps, repeats);
        return 2;
    }

    /* Both paths must agree with each other on a short chain before anything is timed. */
    unsigned char a[32] = {0}, b[32] = {0};
    chain_lowlevel(a, 1000);
    chain_oneshot(b, 1000);
    if (memcmp(a, b, 32) != 0) {
        fprintf(stderr, "sha256_loop: SHA256_Init/Update/Final and SHA256() disagree\n");
        return 1;
    }

    unsigned char x[32] = {0}, y[32] = {0};
    double median, best, oneshot_median, oneshot_best;
    measure(chain_lowlevel, steps, repeats, x, &median, &best);
    measure(chain_oneshot, steps / 4 + 1, repeats, y, &oneshot_median, &oneshot_best);

    printf("baseline=sha256_openssl unit=steps units_per_s=%.4e ns_per_step=%.3f best_ns_per_step=%.3f oneshot_ns_per_step=%.3f "
           "steps=%ld repeats=%d openssl=%s digest=",
           1e9 / median, median, best, oneshot_median, steps, repeats, OPENSSL_VERSION_STR);
    for (int i = 0; i < 32; i++) {
        printf("%02x", x[i]);
    }
    printf("\n");
    return 0;
}
