using Microsoft.Extensions.Localization;
using MudBlazor;

namespace ChildCare.Web.Components;

/// <summary>MudBlazor's own texts (pager, grid, dialogs) in Vietnamese, unless the user chose English.</summary>
internal sealed class VietnameseMudLocalizer : MudLocalizer
{
    private static readonly Dictionary<string, string> Vi = new()
    {
        ["MudDataGridPager_RowsPerPage"] = "Số dòng mỗi trang:",
        ["MudDataGridPager_InfoFormat"] = "{0}-{1} trên {2}",
        ["MudDataGridPager_AllItems"] = "Tất cả",
        ["MudDataGridPager_FirstPage"] = "Trang đầu",
        ["MudDataGridPager_PreviousPage"] = "Trang trước",
        ["MudDataGridPager_NextPage"] = "Trang sau",
        ["MudDataGridPager_LastPage"] = "Trang cuối",
        ["MudDataGrid_Loading"] = "Đang tải…",
        ["MudTable_Loading"] = "Đang tải…",
        ["MudDataGrid_Contains"] = "chứa",
        ["MudDataGrid_Equals"] = "bằng",
        ["MudDataGrid_Filter"] = "Lọc",
        ["MudDataGrid_AddFilter"] = "Thêm bộ lọc",
        ["MudDataGrid_Apply"] = "Áp dụng",
        ["MudDataGrid_Cancel"] = "Hủy",
        ["MudDataGrid_Clear"] = "Xóa",
        ["MudDataGrid_Save"] = "Lưu",
        ["MudDataGrid_Columns"] = "Cột",
        ["MudDataGrid_Sort"] = "Sắp xếp",
        ["MudDataGrid_Unsort"] = "Bỏ sắp xếp",
        ["MudDataGrid_Group"] = "Nhóm",
        ["MudDataGrid_Ungroup"] = "Bỏ nhóm",
        ["MudDataGrid_Hide"] = "Ẩn",
        ["MudDataGrid_ShowAll"] = "Hiện tất cả",
        ["MudDataGrid_HideAll"] = "Ẩn tất cả",
        ["MudDataGrid_FilterValue"] = "Giá trị lọc",
        ["MudDataGrid_Operator"] = "Toán tử",
        ["MudDataGrid_Value"] = "Giá trị",
        ["MudDataGrid_Column"] = "Cột",
        ["MudFormComponent_Required"] = "Bắt buộc nhập",
        ["MudInput_Clear"] = "Xóa",
        ["MudSelect_SelectAll"] = "Chọn tất cả",
        ["MudDialog_Close"] = "Đóng",
        ["MudSnackbar_Close"] = "Đóng",
        ["MudTreeView_ExpandItem"] = "Mở rộng",
        ["MudTreeView_CollapseItem"] = "Thu gọn",
        ["Converter_InvalidNumber"] = "Không phải là số hợp lệ",
        ["Converter_InvalidDateTime"] = "Ngày giờ không hợp lệ",
    };

    // In English MudBlazor's own (English) texts stand.
    private static bool English => System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";

    public override LocalizedString this[string key] =>
        !English && Vi.TryGetValue(key, out var value) ? new LocalizedString(key, value) : new LocalizedString(key, key, resourceNotFound: true);

    public override LocalizedString this[string key, params object[] arguments] =>
        !English && Vi.TryGetValue(key, out var value)
            ? new LocalizedString(key, string.Format(System.Globalization.CultureInfo.CurrentCulture, value, arguments))
            : new LocalizedString(key, key, resourceNotFound: true);
}
