using ChildCare.Core.Domain;
using ChildCare.Web.Components.Shared;
using MudBlazor;

namespace ChildCare.ComponentTests;

/// <summary>A report's status reads the same on every page: one label per status in the page's language, one colour.</summary>
public sealed class ReportStatusChipTests : ComponentTest
{
    [Theory]
    [InlineData(ReportStatus.Draft, "Đang soạn", "Draft")]
    [InlineData(ReportStatus.AwaitingSignature, "Chờ lãnh đạo ký", "Awaiting signature")]
    [InlineData(ReportStatus.Submitted, "Đã gửi", "Submitted")]
    [InlineData(ReportStatus.Returned, "Bị trả lại", "Returned")]
    [InlineData(ReportStatus.Accepted, "Đã chấp nhận", "Accepted")]
    public void Each_status_has_its_label_in_both_languages(ReportStatus status, string vietnamese, string english)
    {
        Render<ReportStatusChip>(p => p.Add(c => c.Status, status)).Find(".mud-chip").TextContent.Trim().ShouldBe(vietnamese);
        InLanguage("en-US");
        Render<ReportStatusChip>(p => p.Add(c => c.Status, status)).Find(".mud-chip").TextContent.Trim().ShouldBe(english);
    }

    [Fact]
    public void No_report_is_said_in_words_and_a_return_is_shown_in_the_error_colour()
    {
        var none = Render<ReportStatusChip>(p => p.Add(c => c.Status, (ReportStatus?)null));
        none.FindAll(".mud-chip").ShouldBeEmpty();
        none.Markup.ShouldContain("Chưa lập");
        ReportStatusChip.ColorOf(ReportStatus.Returned).ShouldBe(Color.Error);
        ReportStatusChip.ColorOf(ReportStatus.AwaitingSignature).ShouldBe(Color.Warning);
    }
}
