using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;
using PdfSharp.Pdf.Signatures;

namespace ChildCare.Core.Features.Signing;

/// <summary>
/// PDFsharp's signature handler asks this for the CMS over the signed byte ranges: a detached SignedData (SHA-256, the
/// signing time and the certificate chain as signed/unsigned parts) made by .NET's SignedCms with the seal's key — from a
/// PKCS#12 file, or a token's (<see cref="Pkcs11Seal"/>). PDFsharp writes it as an <c>adbe.pkcs7.detached</c> signature
/// dictionary.
/// </summary>
public sealed class PdfCmsSigner(SealKey seal, TimeProvider time) : IDigitalSigner
{
    public string CertificateName => seal.Name;

    /// <summary>Room reserved in the file for the CMS: a 4096-bit RSA signature with a three-certificate chain fits in well under this.</summary>
    public Task<int> GetSignatureSizeAsync() => Task.FromResult(16_384);

    public async Task<byte[]> GetSignatureAsync(Stream stream)
    {
        // PDFsharp's ranged stream (the file but the signature's place) is read whole in one call, as its own signers do.
        var content = new byte[stream.Length];
        var read = await stream.ReadAsync(content.AsMemory(0, content.Length));
        if (read != content.Length) throw new InvalidOperationException($"Read {read} of {content.Length} bytes to sign.");
        var cms = new SignedCms(new ContentInfo(content), detached: true);
        var signer = new CmsSigner(SubjectIdentifierType.IssuerAndSerialNumber, seal.Certificate, seal.PrivateKey)
        {
            DigestAlgorithm = new Oid("2.16.840.1.101.3.4.2.1"), // SHA-256
            IncludeOption = X509IncludeOption.EndCertOnly,
        };
        foreach (var c in seal.Chain) signer.Certificates.Add(c);
        signer.SignedAttributes.Add(new Pkcs9SigningTime(time.GetUtcNow().UtcDateTime));
        cms.ComputeSignature(signer, silent: true);
        return cms.Encode();
    }
}
