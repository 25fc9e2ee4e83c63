namespace SerialCluster.Grains.Idempotency;

/// <summary>What an idempotency key may be: 1 to 128 characters of letters, digits and <c>. _ - : @ / +</c>.</summary>
public static class IdempotencyKey
{
    public const int MaxLength = 128;
    public const string Allowed = "1 to 128 characters of letters, digits and . _ - : @ / +";

    public static bool IsValid(string? key) =>
        !string.IsNullOrEmpty(key)
        && key.Length <= MaxLength
        && key.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' or ':' or '@' or '/' or '+');
}
