using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Net.Pkcs11Interop.Common;
using Net.Pkcs11Interop.HighLevelAPI;

namespace ChildCare.Core.Features.Signing;

/// <summary>
/// A unit's seal key on a PKCS#11 token or HSM (Pkcs11Interop): the private key never leaves the device. It is an
/// <see cref="RSA"/> whose <see cref="SignHash"/> asks the token to sign (CKM_RSA_PKCS over the DigestInfo), so .NET's
/// SignedCms builds the CMS around it exactly as with a key in a file. The certificate comes from the token (the one
/// with the key's CKA_ID) or from <c>CertificatePath</c> (PEM or DER; further certificates in a PEM file are the chain).
/// One session per signature, under a lock: a seal signs a few documents a day, and a token serves one operation at a time.
/// </summary>
public sealed class Pkcs11Seal : RSA
{
    private readonly IPkcs11Library _library;
    private readonly ISlot _slot;
    private readonly string _pin;
    private readonly byte[] _keyId;
    private readonly string? _keyLabel;
    private readonly RSAParameters _public;
    private readonly Lock _lock = new();
    private static readonly Pkcs11InteropFactories Factories = new();

    /// <summary>
    /// Pkcs11Interop loads modules through "libdl", which glibc 2.34+ systems ship only as libdl.so.2 (the unversioned
    /// name comes with the C development package): resolve it to the versioned library, once per process.
    /// </summary>
    static Pkcs11Seal() => System.Runtime.InteropServices.NativeLibrary.SetDllImportResolver(typeof(Pkcs11InteropFactories).Assembly,
        (name, assembly, path) => name == "libdl" && OperatingSystem.IsLinux()
            && System.Runtime.InteropServices.NativeLibrary.TryLoad("libdl.so.2", assembly, path, out var handle) ? handle : IntPtr.Zero);

    private Pkcs11Seal(IPkcs11Library library, ISlot slot, string pin, byte[] keyId, string? keyLabel, RSAParameters publicKey)
    {
        _library = library;
        _slot = slot;
        _pin = pin;
        _keyId = keyId;
        _keyLabel = keyLabel;
        _public = publicKey;
        KeySizeValue = publicKey.Modulus!.Length * 8;
        LegalKeySizesValue = [new KeySizes(KeySizeValue, KeySizeValue, 0)];
    }

    /// <summary>Opens the configured token, finds the key (by label, or the only private key) and its certificate.</summary>
    public static SealKey Open(SigningOptions.SealKeyOptions o)
    {
        var library = Factories.Pkcs11LibraryFactory.LoadPkcs11Library(Factories, o.Pkcs11Module!, AppType.MultiThreaded);
        try
        {
            var slots = library.GetSlotList(SlotsType.WithTokenPresent);
            var slot = slots.FirstOrDefault(s => string.IsNullOrWhiteSpace(o.Slot) && slots.Count == 1
                    || s.SlotId.ToString(CultureInfo.InvariantCulture) == o.Slot?.Trim()
                    || string.Equals(s.GetTokenInfo().Label.Trim(), o.Slot?.Trim(), StringComparison.Ordinal))
                ?? throw new InvalidOperationException($"No token “{o.Slot}” in {o.Pkcs11Module} ({slots.Count} token(s) present).");
            using var session = slot.OpenSession(SessionType.ReadOnly);
            Login(session, o.Pin ?? "");
            try
            {
                var key = FindKey(session, o.KeyLabel);
                var id = session.GetAttributeValue(key, [CKA.CKA_ID])[0].GetValueAsByteArray() ?? [];
                var certificates = CertificatesOnToken(session);
                var file = LoadFile(o.CertificatePath);
                var all = file.Count > 0 ? file : certificates.Select(c => c.Certificate).ToList();
                var leaf = file.Count > 0 ? file[0]
                    : certificates.FirstOrDefault(c => id.Length > 0 && c.Id.AsSpan().SequenceEqual(id)).Certificate
                      ?? throw new InvalidOperationException("The token holds no certificate for the key: set CertificatePath.");
                var publicKey = leaf.GetRSAPublicKey() ?? throw new InvalidOperationException("Only RSA keys on a token are supported.");
                var seal = new Pkcs11Seal(library, slot, o.Pin ?? "", id, o.KeyLabel, publicKey.ExportParameters(false));
                return new SealKey(leaf, seal, all.Where(c => c.Thumbprint != leaf.Thumbprint).ToArray());
            }
            finally
            {
                session.Logout();
            }
        }
        catch
        {
            library.Dispose();
            throw;
        }
    }

    private static void Login(ISession session, string pin)
    {
        try
        {
            session.Login(CKU.CKU_USER, pin);
        }
        catch (Pkcs11Exception e) when (e.RV == CKR.CKR_USER_ALREADY_LOGGED_IN)
        {
            // Another seal on the same token is signing: its login serves this session too.
        }
    }

    private static IObjectHandle FindKey(ISession session, string? label, byte[]? id = null)
    {
        var template = new List<IObjectAttribute> { Factories.ObjectAttributeFactory.Create(CKA.CKA_CLASS, CKO.CKO_PRIVATE_KEY) };
        if (!string.IsNullOrWhiteSpace(label)) template.Add(Factories.ObjectAttributeFactory.Create(CKA.CKA_LABEL, label));
        if (id is { Length: > 0 }) template.Add(Factories.ObjectAttributeFactory.Create(CKA.CKA_ID, id));
        var keys = session.FindAllObjects(template);
        return keys.Count switch
        {
            1 => keys[0],
            0 => throw new InvalidOperationException($"No private key{(label is null ? "" : $" “{label}”")} on the token."),
            _ => throw new InvalidOperationException($"{keys.Count} private keys on the token: set KeyLabel."),
        };
    }

    private static List<(byte[] Id, X509Certificate2 Certificate)> CertificatesOnToken(ISession session) =>
        session.FindAllObjects([Factories.ObjectAttributeFactory.Create(CKA.CKA_CLASS, CKO.CKO_CERTIFICATE)])
            .Select(h => session.GetAttributeValue(h, [CKA.CKA_ID, CKA.CKA_VALUE]))
            .Select(a => (a[0].GetValueAsByteArray() ?? [], X509CertificateLoader.LoadCertificate(a[1].GetValueAsByteArray())))
            .ToList();

    private static List<X509Certificate2> LoadFile(string? path)
    {
        if (string.IsNullOrWhiteSpace(path)) return [];
        var text = File.ReadAllText(path);
        if (!text.Contains("-----BEGIN CERTIFICATE-----", StringComparison.Ordinal)) return [X509CertificateLoader.LoadCertificateFromFile(path)];
        var all = new X509Certificate2Collection();
        all.ImportFromPem(text);
        return all.Count > 0 ? [.. all] : throw new InvalidOperationException($"No certificate could be read from {path}.");
    }

    public override byte[] SignHash(byte[] hash, HashAlgorithmName hashAlgorithm, RSASignaturePadding padding)
    {
        if (padding != RSASignaturePadding.Pkcs1) throw new CryptographicException("The token signs with PKCS#1 v1.5 padding only.");
        var digestInfo = DigestInfoPrefix(hashAlgorithm).Concat(hash).ToArray();
        lock (_lock)
        {
            using var session = _slot.OpenSession(SessionType.ReadOnly);
            Login(session, _pin);
            try
            {
                var key = FindKey(session, _keyLabel, _keyId);
                return session.Sign(Factories.MechanismFactory.Create(CKM.CKM_RSA_PKCS), key, digestInfo);
            }
            finally
            {
                session.Logout();
            }
        }
    }

    /// <summary>The DER prefix of a DigestInfo (RFC 8017 §9.2, note 1) for the hash the CMS uses.</summary>
    private static byte[] DigestInfoPrefix(HashAlgorithmName name) => name.Name switch
    {
        "SHA256" => Convert.FromHexString("3031300d060960864801650304020105000420"),
        "SHA384" => Convert.FromHexString("3041300d060960864801650304020205000430"),
        "SHA512" => Convert.FromHexString("3051300d060960864801650304020305000440"),
        _ => throw new CryptographicException($"Hash {name.Name} is not supported for signing on a token."),
    };

    public override bool VerifyHash(byte[] hash, byte[] signature, HashAlgorithmName hashAlgorithm, RSASignaturePadding padding)
    {
        using var rsa = Create(_public);
        return rsa.VerifyHash(hash, signature, hashAlgorithm, padding);
    }

    public override RSAParameters ExportParameters(bool includePrivateParameters) =>
        includePrivateParameters ? throw new CryptographicException("The private key stays on the token.") : _public;

    public override void ImportParameters(RSAParameters parameters) => throw new NotSupportedException("A token's key cannot be replaced.");

    protected override void Dispose(bool disposing)
    {
        if (disposing) _library.Dispose();
        base.Dispose(disposing);
    }
}
