namespace ChildCare.Core.Domain;

/// <summary>How a report came to be signed.</summary>
public enum SignatureMethod
{
    /// <summary>The leader signed the PDF in their own tool (a USB token) and uploaded it.</summary>
    Upload,

    /// <summary>The portal signed with a key it holds for the unit (a seal key, PKCS#12 or a token).</summary>
    Seal,
}

/// <summary>
/// A report's signed PDF, kept byte for byte as received (with its SHA-256), and what verifying it found: who signed,
/// under which certificate, when, and every check. Written once; the report it signed moved to "submitted" with it.
/// </summary>
public class ReportSignature
{
    private ReportSignature() { }

    public ReportSignature(Guid reportId, uint reportVersion, SignatureMethod method, byte[] content, string sha256, string? signerName,
        string? signerEmail, string? signerOrganisation, string? issuer, string? serialNumber, DateTimeOffset? signedAt, bool valid,
        string checksJson, Guid? createdById, DateTimeOffset now)
    {
        Id = Guid.CreateVersion7();
        ReportId = reportId;
        ReportVersion = reportVersion;
        Method = method;
        Content = content;
        Sha256 = sha256;
        SignerName = signerName;
        SignerEmail = signerEmail;
        SignerOrganisation = signerOrganisation;
        Issuer = issuer;
        SerialNumber = serialNumber;
        SignedAt = signedAt;
        Valid = valid;
        ChecksJson = checksJson;
        CreatedById = createdById;
        CreatedAt = now;
    }

    public Guid Id { get; private set; }
    public Guid ReportId { get; private set; }
    public uint ReportVersion { get; private set; }
    public SignatureMethod Method { get; private set; }
    public byte[] Content { get; private set; } = [];
    public string Sha256 { get; private set; } = "";
    public string? SignerName { get; private set; }
    public string? SignerEmail { get; private set; }
    public string? SignerOrganisation { get; private set; }
    public string? Issuer { get; private set; }
    public string? SerialNumber { get; private set; }
    public DateTimeOffset? SignedAt { get; private set; }
    public bool Valid { get; private set; }

    /// <summary>The checks as JSON: <c>[{name, ok, detail}]</c>.</summary>
    public string ChecksJson { get; private set; } = "[]";
    public Guid? CreatedById { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
}
