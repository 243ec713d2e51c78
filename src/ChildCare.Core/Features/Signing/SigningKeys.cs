using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChildCare.Core.Features.Signing;

/// <summary>
/// Signing configuration: the trust anchors a leader's certificate must chain to (<c>Signing__TrustAnchors__0</c>,
/// <c>__1</c>, …: certificate files, PEM or DER — e.g. the government CA's roots), and the units' seal keys
/// (<c>Signing__Keys__{unitCode}__Path</c> and <c>__Password</c>: a PKCS#12 file) the portal signs with.
/// </summary>
public sealed class SigningOptions
{
    public List<string> TrustAnchors { get; set; } = [];

    public Dictionary<string, SealKeyOptions> Keys { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public sealed class SealKeyOptions
    {
        public string? Path { get; set; }

        public string? Password { get; set; }
    }
}

/// <summary>
/// The trust anchors and seal keys, read once at start. Outside Production a unit without a configured seal key gets a
/// throw-away self-signed one (its signature verifies, its certificate is trusted by nobody), so development and tests
/// can sign; in Production signing without a configured key is refused.
/// </summary>
public sealed class SigningKeys
{
    private readonly SigningOptions _options;
    private readonly bool _development;
    private readonly ILogger<SigningKeys> _logger;
    private readonly Dictionary<string, (X509Certificate2 Key, X509Certificate2[] Chain)> _seals = new(StringComparer.OrdinalIgnoreCase);
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
        logger.LogInformation("Signing: {Count} trust anchor(s)", Anchors.Count);
    }

    /// <summary>The certificates a leader's certificate must chain to.</summary>
    public X509Certificate2Collection Anchors { get; }

    /// <summary>The seal key of a unit (its certificate with the private key, and the chain to include), or null when there is none.</summary>
    public (X509Certificate2 Key, X509Certificate2[] Chain)? SealFor(string unitCode, string unitName)
    {
        lock (_lock)
        {
            if (_seals.TryGetValue(unitCode, out var known)) return known;
            if (_options.Keys.TryGetValue(unitCode, out var configured) && !string.IsNullOrWhiteSpace(configured.Path))
            {
                var all = X509CertificateLoader.LoadPkcs12CollectionFromFile(configured.Path, configured.Password);
                var key = all.First(c => c.HasPrivateKey);
                return _seals[unitCode] = (key, all.Where(c => c.Thumbprint != key.Thumbprint).ToArray());
            }
            if (!_development) return null;
            _logger.LogWarning("No seal key for {Unit} (Signing__Keys__{Unit}__Path): a throw-away self-signed one signs in this environment", unitCode, unitCode);
            using var rsa = RSA.Create(2048);
            var request = new CertificateRequest(new X500DistinguishedName($"CN={unitName} (khóa thử nghiệm), O=ChildCare"), rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.NonRepudiation, true));
            using var self = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(2));
            // Exported and loaded again: an ephemeral key cannot sign a CMS on every platform.
            var made = X509CertificateLoader.LoadPkcs12(self.Export(X509ContentType.Pkcs12, "x"), "x");
            return _seals[unitCode] = (made, []);
        }
    }
}
