using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Cluster.Grains.Hashing;

/// <summary>
/// libcrypto.so.3's own SHA-256 functions (<c>SHA256_Init</c>, <c>SHA256_Update</c>,
/// <c>SHA256_Final</c>; in OpenSSL 3 they remain exported, deprecated in favour of EVP, and use the
/// same assembly, SHA-NI where the CPU has it). Checked once against the FIPS 180-2 test vectors;
/// any failure to load or to match leaves <see cref="Available"/> false.
/// </summary>
internal static partial class LibCryptoSha256
{
    private const string Library = "libcrypto.so.3";

    /// <summary>OpenSSL's SHA256_CTX is 112 bytes; 128 leaves room.</summary>
    [InlineArray(16)]
    internal struct Context
    {
        private ulong _element;
    }

    public static bool Available { get; } = Probe();

    public static void Init(ref Context context)
    {
        if (SHA256_Init(ref Bytes(ref context)) != 1) throw new InvalidOperationException("SHA256_Init failed.");
    }

    public static void Update(ref Context context, ReadOnlySpan<byte> data)
    {
        if (SHA256_Update(ref Bytes(ref context), ref MemoryMarshal.GetReference(data), (nuint)data.Length) != 1)
            throw new InvalidOperationException("SHA256_Update failed.");
    }

    public static void Final(ref Context context, Span<byte> digest)
    {
        if (SHA256_Final(ref MemoryMarshal.GetReference(digest), ref Bytes(ref context)) != 1) throw new InvalidOperationException("SHA256_Final failed.");
    }

    public static void Hash(ReadOnlySpan<byte> data, Span<byte> digest)
    {
        var context = default(Context);
        Init(ref context);
        Update(ref context, data);
        Final(ref context, digest);
    }

    private static ref byte Bytes(ref Context context) => ref Unsafe.As<ulong, byte>(ref context[0]);

    private static bool Probe()
    {
        if (Environment.GetEnvironmentVariable("CLUSTER_SHA256_LIBCRYPTO") == "0" || !OperatingSystem.IsLinux()) return false;
        try
        {
            Span<byte> digest = stackalloc byte[32];
            Hash("abc"u8, digest);
            if (Convert.ToHexStringLower(digest) != "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad") return false;
            var context = default(Context);
            Init(ref context);
            Update(ref context, "abcdbcdecdefdefgefghfghighijhi"u8);
            Update(ref context, "jkijkljklmklmnlmnomnopnopq"u8);
            Final(ref context, digest);
            return Convert.ToHexStringLower(digest) == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1";
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException or BadImageFormatException or InvalidOperationException)
        {
            return false;
        }
    }

    [LibraryImport(Library)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    private static partial int SHA256_Init(ref byte context);

    [LibraryImport(Library)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    private static partial int SHA256_Update(ref byte context, ref byte data, nuint length);

    [LibraryImport(Library)]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    private static partial int SHA256_Final(ref byte digest, ref byte context);
}
