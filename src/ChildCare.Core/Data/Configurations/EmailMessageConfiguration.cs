using ChildCare.Core.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace ChildCare.Core.Data.Configurations;

public class EmailMessageConfiguration : IEntityTypeConfiguration<EmailMessage>
{
    public void Configure(EntityTypeBuilder<EmailMessage> b)
    {
        b.ToTable("email_messages");
        b.HasKey(x => x.Id);
        b.Property(x => x.Key).HasMaxLength(200);
        // Nobody is mailed twice for one thing: the outbox refuses a second row with the same key.
        b.HasIndex(x => x.Key).IsUnique();
        b.Property(x => x.Subject).HasMaxLength(300);
        b.Property(x => x.LastError).HasMaxLength(500);
        // The job's work list: unsent, due for an attempt.
        b.HasIndex(x => x.NextAttemptAt).HasFilter("\"SentAt\" IS NULL");
        b.Ignore(x => x.GaveUp);
        b.Ignore(x => x.CarriesSecret);
    }
}
