using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Technopark.Domain.Companies;
using Technopark.Infrastructure.Identity;

namespace Technopark.Infrastructure.Data.Configurations;

internal sealed class CompanyMemberConfiguration : IEntityTypeConfiguration<CompanyMember>
{
    public void Configure(EntityTypeBuilder<CompanyMember> builder)
    {
        builder.ToTable("company_members");
        builder.HasOne<Company>().WithMany().HasForeignKey(m => m.CompanyId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(m => new { m.CompanyId, m.UserId }).IsUnique();
        builder.HasIndex(m => m.UserId);
        builder.Property(m => m.Role).HasConversion<string>().HasMaxLength(20);
    }
}

internal sealed class CompanyInvitationConfiguration : IEntityTypeConfiguration<CompanyInvitation>
{
    public void Configure(EntityTypeBuilder<CompanyInvitation> builder)
    {
        builder.ToTable("company_invitations");
        builder.HasOne<Company>().WithMany().HasForeignKey(i => i.CompanyId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(i => i.Email).HasMaxLength(CompanyInvitation.EmailMaxLength);
        builder.Property(i => i.Role).HasConversion<string>().HasMaxLength(20);
        builder.Property(i => i.TokenHash).HasMaxLength(CompanyInvitation.TokenHashLength).IsFixedLength();
        builder.HasIndex(i => i.TokenHash).IsUnique();
        builder.HasIndex(i => i.CompanyId);
        builder.Property(i => i.InvitedBy).HasMaxLength(450);
        builder.Property(i => i.AcceptedBy).HasMaxLength(450);
        builder.Property<uint>("Version").IsRowVersion();
    }
}

internal sealed class CompanyDocumentConfiguration : IEntityTypeConfiguration<CompanyDocument>
{
    public void Configure(EntityTypeBuilder<CompanyDocument> builder)
    {
        builder.ToTable("company_documents");
        builder.HasOne<Company>().WithMany().HasForeignKey(d => d.CompanyId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(d => d.CompanyId);
        builder.Property(d => d.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(d => d.OriginalName).HasMaxLength(CompanyDocument.NameMaxLength);
        builder.Property(d => d.StoredName).HasMaxLength(100);
        builder.HasIndex(d => d.StoredName).IsUnique();
        builder.Property(d => d.ContentType).HasMaxLength(100);
        builder.Property(d => d.UploadedBy).HasMaxLength(450);
    }
}

internal sealed class CompanyMessageConfiguration : IEntityTypeConfiguration<CompanyMessage>
{
    public void Configure(EntityTypeBuilder<CompanyMessage> builder)
    {
        builder.ToTable("company_messages");
        builder.HasOne<Company>().WithMany().HasForeignKey(m => m.CompanyId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(m => new { m.CompanyId, m.SentAt });
        builder.Property(m => m.AuthorId).HasMaxLength(450);
        builder.Property(m => m.Body).HasMaxLength(CompanyMessage.BodyMaxLength);
    }
}

internal sealed class CompanyLogoConfiguration : IEntityTypeConfiguration<CompanyLogo>
{
    public void Configure(EntityTypeBuilder<CompanyLogo> builder)
    {
        builder.ToTable("company_logos");
        builder.HasKey(l => l.CompanyId);
        builder.HasOne<Company>().WithOne().HasForeignKey<CompanyLogo>(l => l.CompanyId).OnDelete(DeleteBehavior.Cascade);
    }
}
