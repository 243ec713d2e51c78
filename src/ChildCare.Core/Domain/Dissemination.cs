namespace ChildCare.Core.Domain;

/// <summary>A unit's registry entry of an incoming directive ("ĐẾN — Số 3420 — Ngày 28/12/2023").</summary>
public class DirectiveReceipt
{
    private DirectiveReceipt() { }

    public DirectiveReceipt(Guid directiveId, OrgUnit orgUnit, string incomingNumber, DateOnly receivedOn, string fromBody, Actor recordedBy, DateTimeOffset at)
    {
        if (string.IsNullOrWhiteSpace(incomingNumber)) throw new DomainException("Cần nhập số đến.");
        Id = Guid.CreateVersion7();
        DirectiveId = directiveId;
        OrgUnitId = orgUnit.Id;
        IncomingNumber = incomingNumber.Trim();
        ReceivedOn = receivedOn;
        FromBody = fromBody;
        RecordedByName = recordedBy.Name;
        RecordedAt = at;
    }

    public Guid Id { get; private set; }
    public Guid DirectiveId { get; private set; }
    public Guid OrgUnitId { get; private set; }
    public OrgUnit OrgUnit { get; private set; } = null!;
    public string IncomingNumber { get; private set; } = "";
    public DateOnly ReceivedOn { get; private set; }
    public string FromBody { get; private set; } = "";
    public string? Note { get; set; }
    public string RecordedByName { get; private set; } = "";
    public DateTimeOffset RecordedAt { get; private set; }
}

/// <summary>A certified copy (sao lục, e.g. "131-BS/VPQU") a unit issues to its recipients.</summary>
public class CertifiedCopy
{
    private CertifiedCopy() { }

    public CertifiedCopy(Guid directiveId, OrgUnit issuedBy, string number, DateOnly issuedOn, string signer, string? signerTitle)
    {
        if (string.IsNullOrWhiteSpace(number)) throw new DomainException("Cần nhập số bản sao.");
        Id = Guid.CreateVersion7();
        DirectiveId = directiveId;
        IssuedByOrgUnitId = issuedBy.Id;
        Number = number.Trim();
        IssuedOn = issuedOn;
        Signer = signer;
        SignerTitle = signerTitle;
    }

    public Guid Id { get; private set; }
    public Guid DirectiveId { get; private set; }
    public Guid IssuedByOrgUnitId { get; private set; }
    public OrgUnit IssuedByOrgUnit { get; private set; } = null!;
    public string Number { get; private set; } = "";
    public DateOnly IssuedOn { get; private set; }
    public string Signer { get; private set; } = "";
    public string? SignerTitle { get; private set; }
    public List<CopyRecipient> Recipients { get; private set; } = [];

    public CopyRecipient AddRecipient(string text, OrgUnit? orgUnit = null)
    {
        var recipient = new CopyRecipient(Id, text, orgUnit);
        Recipients.Add(recipient);
        return recipient;
    }
}

/// <summary>One line of "Nơi nhận": an org unit (who can acknowledge in the portal) or free text.</summary>
public class CopyRecipient
{
    private CopyRecipient() { }

    internal CopyRecipient(Guid copyId, string text, OrgUnit? orgUnit)
    {
        Id = Guid.CreateVersion7();
        CopyId = copyId;
        Text = text.Trim();
        OrgUnitId = orgUnit?.Id;
    }

    public Guid Id { get; private set; }
    public Guid CopyId { get; private set; }
    public string Text { get; private set; } = "";
    public Guid? OrgUnitId { get; private set; }
    public OrgUnit? OrgUnit { get; private set; }
    public DateTimeOffset? AcknowledgedAt { get; private set; }
    public string? AcknowledgedByName { get; private set; }

    public void Acknowledge(Actor actor, DateTimeOffset at)
    {
        if (OrgUnitId is null) throw new DomainException("Nơi nhận này không phải đơn vị trong hệ thống.");
        if (AcknowledgedAt is not null) return; // acknowledging twice is acknowledging once
        AcknowledgedAt = at;
        AcknowledgedByName = actor.Name;
    }
}
