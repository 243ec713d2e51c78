using System.Diagnostics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using ChildCare.Core.Features.Signing;
using PdfSharp.Pdf.IO;
using PdfSharp.Pdf.Signatures;

namespace ChildCare.Tests.Shared;

/// <summary>
/// Test certificates (issue 19): a certification authority the portal under test trusts, leaders' certificates it issues,
/// a signing tool's incremental signature on a downloaded PDF, and poppler's <c>pdfsig</c> as the outside judge (with
/// the test CA trusted in an NSS database of its own, so it can say "Certificate is Trusted").
/// </summary>
public static class TestCertificates
{
    public const string RootName = "CA thử nghiệm ChildCare";

    public static X509Certificate2 Root(string name = RootName, DateTimeOffset? now = null)
    {
        var at = now ?? DateTimeOffset.UtcNow;
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={name}, O=Thử nghiệm", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        return request.CreateSelfSigned(at.AddYears(-5), at.AddYears(5));
    }

    /// <summary>A person's signing certificate from <paramref name="ca"/>, with its private key; the e-mail both in subjectAltName and E=.</summary>
    public static X509Certificate2 Person(X509Certificate2 ca, string email, string name,
        X509KeyUsageFlags usage = X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.NonRepudiation,
        DateTimeOffset? notBefore = null, DateTimeOffset? notAfter = null, string? crlUrl = null)
    {
        var now = DateTimeOffset.UtcNow;
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={name}, E={email}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(usage, true));
        var san = new SubjectAlternativeNameBuilder();
        san.AddEmailAddress(email);
        request.CertificateExtensions.Add(san.Build());
        if (crlUrl is not null) request.CertificateExtensions.Add(CertificateRevocationListBuilder.BuildCrlDistributionPointExtension([crlUrl]));
        if (ca.Extensions.OfType<X509SubjectKeyIdentifierExtension>().FirstOrDefault() is { } ski)
            request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromSubjectKeyIdentifier(ski));
        using var issued = request.Create(ca, notBefore ?? now.AddDays(-10), notAfter ?? now.AddYears(1), RandomNumberGenerator.GetBytes(12));
        return issued.CopyWithPrivateKey(key);
    }

    /// <summary>Signs a PDF the way a signing tool does: an incremental update with one signature (PDFsharp opening the file).</summary>
    public static byte[] SignLikeATool(byte[] pdf, X509Certificate2 certificate, X509Certificate2 root)
    {
        using var input = new MemoryStream(pdf);
        using var document = PdfReader.Open(input, PdfDocumentOpenMode.Modify);
        DigitalSignatureHandler.ForDocument(document, new PdfCmsSigner(SealKey.From(certificate, [root]), TimeProvider.System),
            new DigitalSignatureOptions { Reason = "Ký báo cáo", AppName = "Công cụ ký thử nghiệm" });
        using var output = new MemoryStream();
        document.Save(output);
        return output.ToArray();
    }

    /// <summary>
    /// What poppler's <c>pdfsig</c> says of a file: with <paramref name="trusted"/>, in an NSS database that trusts only that
    /// CA (certutil), so the verdict includes whether the certificate is trusted; without, the signature alone (-nocert).
    /// </summary>
    public static async Task<string> PdfsigAsync(byte[] pdf, X509Certificate2? trusted = null)
    {
        var folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), $"childcare-pdfsig-{Guid.NewGuid():N}")).FullName;
        try
        {
            var file = Path.Combine(folder, "document.pdf");
            await File.WriteAllBytesAsync(file, pdf);
            if (trusted is null) return await RunAsync("pdfsig", "-nocert", file);
            var ca = Path.Combine(folder, "ca.pem");
            await File.WriteAllTextAsync(ca, trusted.ExportCertificatePem());
            var nss = Directory.CreateDirectory(Path.Combine(folder, "nss")).FullName;
            await RunAsync(true, "certutil", "-N", "-d", $"sql:{nss}", "--empty-password");
            await RunAsync(true, "certutil", "-A", "-d", $"sql:{nss}", "-n", "test-ca", "-t", "CT,C,C", "-i", ca);
            return await RunAsync("pdfsig", "-nssdir", $"sql:{nss}", file);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>The PDF's text as a reader sees it (poppler's pdftotext, with the page's layout kept).</summary>
    public static async Task<string> PdfTextAsync(byte[] pdf)
    {
        var file = Path.Combine(Path.GetTempPath(), $"childcare-pdftext-{Guid.NewGuid():N}.pdf");
        try
        {
            await File.WriteAllBytesAsync(file, pdf);
            return await RunAsync(true, "pdftotext", "-layout", "-enc", "UTF-8", file, "-");
        }
        finally
        {
            File.Delete(file);
        }
    }

    public const string SoftHsmModule = "/usr/lib/softhsm/libsofthsm2.so";

    /// <summary>
    /// A SoftHSM token (PKCS#11) of its own holding <paramref name="certificate"/>'s private key (CKA_ID 01, label "seal") and,
    /// with <paramref name="certificateOnToken"/>, the certificate too (pkcs11-tool). SoftHSM reads its configuration from
    /// SOFTHSM2_CONF, set for this process (the portal under test runs in it). Returns the token's label.
    /// </summary>
    public static async Task<string> SoftHsmTokenAsync(X509Certificate2 certificate, string pin, bool certificateOnToken = true)
    {
        var folder = SoftHsmFolder.Value;
        var label = $"childcare-{Guid.NewGuid():N}"[..24];
        await RunAsync(true, "softhsm2-util", "--init-token", "--free", "--label", label, "--pin", pin, "--so-pin", pin + "0");
        var key = Path.Combine(folder, $"{label}.pem");
        await File.WriteAllTextAsync(key, certificate.GetRSAPrivateKey()!.ExportPkcs8PrivateKeyPem());
        await RunAsync(true, "softhsm2-util", "--import", key, "--token", label, "--label", "seal", "--id", "01", "--pin", pin);
        File.Delete(key);
        if (certificateOnToken)
        {
            var der = Path.Combine(folder, $"{label}.der");
            await File.WriteAllBytesAsync(der, certificate.RawData);
            await RunAsync(true, "pkcs11-tool", "--module", SoftHsmModule, "--token-label", label, "--login", "--pin", pin,
                "--write-object", der, "--type", "cert", "--id", "01", "--label", "seal");
        }
        return label;
    }

    /// <summary>One token folder per test process: SoftHSM reads SOFTHSM2_CONF once, when the module is first loaded.</summary>
    private static readonly Lazy<string> SoftHsmFolder = new(() =>
    {
        var folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), $"childcare-softhsm-{Guid.NewGuid():N}")).FullName;
        var tokens = Directory.CreateDirectory(Path.Combine(folder, "tokens")).FullName;
        var conf = Path.Combine(folder, "softhsm2.conf");
        File.WriteAllText(conf, $"directories.tokendir = {tokens}\nobjectstore.backend = file\nlog.level = ERROR\n");
        // Both environments: .NET's own (for the tools started from here) and the C library's, which SoftHSM reads in-process.
        Environment.SetEnvironmentVariable("SOFTHSM2_CONF", conf);
        if (SetEnv("SOFTHSM2_CONF", conf, 1) != 0) throw new InvalidOperationException("setenv SOFTHSM2_CONF failed");
        return folder;
    });

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "setenv")]
    private static extern int SetEnv(string name, string value, int overwrite);

    private static Task<string> RunAsync(string tool, params string[] args) => RunAsync(false, tool, args);

    private static async Task<string> RunAsync(bool check, string tool, params string[] args)
    {
        using var process = Process.Start(new ProcessStartInfo(tool, args) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (check && process.ExitCode != 0)
            throw new InvalidOperationException($"{tool} {string.Join(' ', args)} exited with {process.ExitCode}: {await output}{await error}");
        return await output + await error;
    }
}

/// <summary>
/// A CA's CRL distribution point on 127.0.0.1: certificates name <see cref="Url"/>; each request gets a fresh list,
/// signed by the CA, of the certificates <see cref="Revoke"/> was called with.
/// </summary>
public sealed class CrlServer : IDisposable
{
    private readonly X509Certificate2 _ca;
    private readonly List<X509Certificate2> _revoked = [];
    private readonly System.Net.HttpListener _listener = new();
    private int _number;

    public CrlServer(X509Certificate2 ca)
    {
        _ca = ca;
        var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        probe.Start();
        var port = ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        var prefix = $"http://127.0.0.1:{port}/";
        _listener.Prefixes.Add(prefix);
        _listener.Start();
        Url = $"{prefix}crl-{Guid.NewGuid():N}.crl"; // a new address each time: .NET caches lists it has fetched by address
        _ = Task.Run(ServeAsync);
    }

    public string Url { get; }

    public void Revoke(X509Certificate2 certificate)
    {
        lock (_revoked) _revoked.Add(certificate);
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            try
            {
                var context = await _listener.GetContextAsync();
                byte[] crl;
                lock (_revoked)
                {
                    var builder = new CertificateRevocationListBuilder();
                    foreach (var c in _revoked) builder.AddEntry(c, DateTimeOffset.UtcNow.AddDays(-1), X509RevocationReason.KeyCompromise);
                    crl = builder.Build(_ca, ++_number, DateTimeOffset.UtcNow.AddDays(7), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1, DateTimeOffset.UtcNow.AddDays(-2));
                }
                context.Response.ContentType = "application/pkix-crl";
                await context.Response.OutputStream.WriteAsync(crl);
                context.Response.Close();
            }
            catch (Exception e) when (e is System.Net.HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }
        }
    }

    public void Dispose() => _listener.Close();
}
