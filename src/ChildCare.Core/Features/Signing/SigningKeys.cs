using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChildCare.Core.Features.Signing;

/// <summary>
/// Signing configuration: the trust anchors a leader's certificate must chain to (<c>Signing__TrustAnchors__0</c>,
/// <c>__1</c>, …: certificate files, PEM or DER — e.g. the government CA's roots), and the units' seal keys the portal
/// signs with, either a PKCS#12 file (<c>Signing__Keys__{unitCode}__Path</c> and <c>__Password</c>) or a key on a
/// PKCS#11 token or HSM (<c>__Pkcs11Module</c>, <c>__Slot</c> — the token's label or the slot's number —, <c>__Pin</c>,
/// optionally <c>__KeyLabel</c> and <c>__CertificatePath</c> when the certificate is not on the token).
/// </summary>
public sealed class SigningOptions
{
    public List<string> TrustAnchors { get; set; } = [];

    public Dictionary<string, SealKeyOptions> Keys { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public sealed class SealKeyOptions
    {
        public string? Path { get; set; }

        public string? Password { get; set; }

        public string? Pkcs11Module { get; set; }

        public string? Slot { get; set; }

        public string? Pin { get; set; }

        public string? KeyLabel { get; set; }

        public string? CertificatePath { get; set; }
    }
}

/// <summary>A key the portal signs with: its certificate, the private key (in memory, or a token's handle), and the chain to include.</summary>
public sealed record SealKey(X509Certificate2 Certificate, AsymmetricAlgorithm PrivateKey, IReadOnlyList<X509Certificate2> Chain)
{
    public string Name => Certificate.GetNameInfo(X509NameType.SimpleName, forIssuer: false);

    public string Issuer => Certificate.GetNameInfo(X509NameType.SimpleName, forIssuer: true);

    /// <summary>A certificate that carries its private key (a PKCS#12 file, a test certificate).</summary>
    public static SealKey From(X509Certificate2 certificate, IEnumerable<X509Certificate2>? chain = null) =>
        new(certificate, (AsymmetricAlgorithm?)certificate.GetRSAPrivateKey() ?? certificate.GetECDsaPrivateKey()
            ?? throw new CryptographicException($"The certificate {certificate.Subject} has no private key."),
            (chain ?? []).Where(c => c.Thumbprint != certificate.Thumbprint).ToArray());
}

/// <summary>
/// The trust anchors and seal keys, read once at start (a seal key on first use). Outside Production a unit without a
/// configured seal key gets a throw-away self-signed one (its signature verifies, its certificate is trusted by nobody),
/// so development and tests can sign; in Production signing without a configured key is refused.
/// </summary>
public sealed class SigningKeys : IDisposable
{
    private readonly SigningOptions _options;
    private readonly bool _development;
    private readonly ILogger<SigningKeys> _logger;
    private readonly Dictionary<string, SealKey> _seals = new(StringComparer.OrdinalIgnoreCase);
    private readonly Lock _lock = new();

    public SigningKeys(IOptions<SigningOptions> options, IHostEnvironment environment, ILogger<SigningKeys> logger)
    {
        _options = options.Value;
        _development = !environment.IsProduction();
        _logger = logger;
        Anchors = [];
        foreach (var path in _options.TrustAnchors.Where(p => !string.IsNullOrWhiteSpace(p)))
        {
            try
            {
                var text = File.ReadAllText(path);
                if (text.Contains("-----BEGIN CERTIFICATE-----", StringComparison.Ordinal)) Anchors.ImportFromPem(text);
                else Anchors.Add(X509CertificateLoader.LoadCertificateFromFile(path));
            }
            catch (Exception e) when (e is IOException or CryptographicException or UnauthorizedAccessException)
            {
                logger.LogError(e, "Trust anchor {Path} could not be read; signatures under it will be refused", path);
            }
        }
        logger.LogInformation("Signing: {Count} trust anchor(s), {Keys} configured seal key(s)", Anchors.Count, _options.Keys.Count);
    }

    /// <summary>The certificates a leader's certificate must chain to.</summary>
    public X509Certificate2Collection Anchors { get; }

    /// <summary>Whether the unit chose to have the portal sign its reports: a seal key is configured for it (not the throw-away one).</summary>
    public bool IsConfigured(string unitCode) =>
        _options.Keys.TryGetValue(unitCode, out var k) && (!string.IsNullOrWhiteSpace(k.Path) || !string.IsNullOrWhiteSpace(k.Pkcs11Module));

    /// <summary>The seal key of a unit, or null when there is none. A configured key that cannot be opened is an error the caller sees.</summary>
    public SealKey? SealFor(string unitCode, string unitName)
    {
        lock (_lock)
        {
            if (_seals.TryGetValue(unitCode, out var known)) return known;
            if (_options.Keys.TryGetValue(unitCode, out var configured))
            {
                try
                {
                    if (!string.IsNullOrWhiteSpace(configured.Pkcs11Module)) return _seals[unitCode] = Pkcs11Seal.Open(configured);
                    if (!string.IsNullOrWhiteSpace(configured.Path))
                    {
                        var all = X509CertificateLoader.LoadPkcs12CollectionFromFile(configured.Path, configured.Password);
                        return _seals[unitCode] = SealKey.From(all.First(c => c.HasPrivateKey), all);
                    }
                }
                catch (Exception e) when (e is IOException or CryptographicException or UnauthorizedAccessException
                    or InvalidOperationException or Net.Pkcs11Interop.Common.Pkcs11Exception or Net.Pkcs11Interop.Common.UnmanagedException)
                {
                    _logger.LogError(e, "The seal key of {Unit} could not be opened", unitCode);
                    throw new Domain.DomainException($"Không mở được khóa ký số của {unitName} (Signing__Keys__{unitCode}): {e.Message}");
                }
            }
            if (!_development) return null;
            _logger.LogWarning("No seal key for {Unit} (Signing__Keys__{Unit}__Path): a throw-away self-signed one signs in this environment", unitCode, unitCode);
            using var rsa = RSA.Create(2048);
            var request = new CertificateRequest(new X500DistinguishedName($"CN={unitName} (khóa thử nghiệm), O=ChildCare"), rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.NonRepudiation, true));
            using var self = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(2));
            // Exported and loaded again: an ephemeral key cannot sign a CMS on every platform.
            return _seals[unitCode] = SealKey.From(X509CertificateLoader.LoadPkcs12(self.Export(X509ContentType.Pkcs12, "x"), "x"));
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            foreach (var seal in _seals.Values) seal.PrivateKey.Dispose();
            _seals.Clear();
        }
    }
}
