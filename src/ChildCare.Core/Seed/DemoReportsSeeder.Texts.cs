namespace ChildCare.Core.Seed;

/// <summary>The demo reports' wording: each unit speaks of itself by its own name (a province is not a district committee).</summary>
public sealed partial class DemoReportsSeeder
{
    // {0} the committee ("Tỉnh ủy Điện Biên"), {1} how many units below, {2} a small number, {3} party members,
    // {4} the locality ("tỉnh Điện Biên"), {5} what the units below are ("xã, phường"; a ward's "tổ dân phố, thôn")
    private static readonly string[][] Results =
    [
        [
            "Ban Thường vụ {0} đã ban hành kế hoạch thực hiện Chỉ thị; tổ chức {2} hội nghị quán triệt cho {3:N0} đảng viên; 100% chi bộ đưa nội dung Chỉ thị vào sinh hoạt định kỳ.",
            "Tiếp tục quán triệt Chỉ thị tới các chi bộ tại {1} {5}; lồng ghép nội dung bảo vệ trẻ em vào sinh hoạt chuyên đề; người đứng đầu cấp ủy trực tiếp chỉ đạo.",
            "Tổ chức {2} lớp bồi dưỡng cho cán bộ chủ chốt cấp cơ sở về công tác trẻ em; các đoàn thể đưa nội dung Chỉ thị vào chương trình công tác năm.",
        ],
        [
            "UBND {4} bố trí kinh phí thực hiện Chương trình hành động vì trẻ em; huy động doanh nghiệp tài trợ học bổng cho {2}0 trẻ em có hoàn cảnh khó khăn.",
            "Rà soát, bổ sung chính sách hỗ trợ trẻ em có hoàn cảnh đặc biệt; đầu tư cải tạo {2} điểm vui chơi cho trẻ em tại các khu dân cư.",
            "Lồng ghép chỉ tiêu về trẻ em vào kế hoạch phát triển kinh tế - xã hội; {1} {5} đã bố trí ngân sách cho công tác trẻ em.",
        ],
        [
            "Kiện toàn Ban Chỉ đạo công tác trẻ em; cập nhật cơ sở dữ liệu trẻ em tại {1} {5}; kiểm tra {2} cơ sở chăm sóc, nuôi dưỡng trẻ em.",
            "Tăng cường thanh tra, kiểm tra các cơ sở trông giữ trẻ tư thục; xử lý kịp thời {2} vụ việc vi phạm quyền trẻ em.",
            "Duy trì đường dây nóng bảo vệ trẻ em; tập huấn nghiệp vụ cho {2}0 cộng tác viên công tác xã hội tại cộng đồng.",
        ],
        [
            "Tổ chức tiêm chủng mở rộng, khám sức khỏe định kỳ cho trẻ em; mở {2} lớp dạy bơi an toàn dịp hè; phổ cập giáo dục mầm non cho trẻ 5 tuổi đạt kế hoạch.",
            "Triển khai mô hình trường học an toàn, phòng chống xâm hại trẻ em; giáo dục kỹ năng an toàn trên không gian mạng tại {2}0 trường học.",
            "Phối hợp gia đình - nhà trường - xã hội trong giáo dục đạo đức, lối sống; tổ chức {2} hoạt động văn hóa, thể thao cho thiếu nhi.",
        ],
        [
            "Mặt trận Tổ quốc và các đoàn thể {4} vận động hỗ trợ trẻ em khó khăn; tổ chức {2} diễn đàn trẻ em để các em bày tỏ ý kiến.",
            "Nhân rộng phong trào \"Toàn dân chăm sóc, giáo dục và bảo vệ trẻ em\"; các cơ quan báo chí, đài truyền thanh đưa tin thường xuyên về công tác trẻ em.",
            "Tiếp nhận và trả lời các kiến nghị của trẻ em tại diễn đàn; Hội Liên hiệp Phụ nữ tổ chức {2} buổi truyền thông về nuôi dạy con.",
        ],
    ];

    private static readonly string[] Difficulties =
    [
        "Đội ngũ cán bộ làm công tác trẻ em ở cơ sở chủ yếu kiêm nhiệm, thường xuyên thay đổi.",
        "Kinh phí cho công tác trẻ em còn hạn chế, chủ yếu lồng ghép từ các chương trình khác.",
        "Quỹ đất dành cho điểm vui chơi của trẻ em tại khu dân cư đông đúc còn thiếu.",
        "Việc phát hiện, báo cáo các vụ xâm hại trẻ em còn chậm; một số gia đình ngại trình báo.",
        "Cơ sở dữ liệu về trẻ em chưa liên thông với cơ sở dữ liệu dân cư, phải nhập liệu thủ công.",
    ];

    private static readonly string[] Proposals =
    [
        "Đề nghị cấp ủy cấp trên chỉ đạo bố trí biên chế chuyên trách công tác trẻ em ở cấp cơ sở.",
        "Đề nghị bổ sung kinh phí cho chương trình phòng, chống đuối nước trẻ em.",
        "Đề nghị sớm hướng dẫn liên thông cơ sở dữ liệu trẻ em với cơ sở dữ liệu quốc gia về dân cư.",
        "Đề nghị tổ chức tập huấn kỹ năng phát hiện, xử lý vụ việc xâm hại trẻ em cho cán bộ cơ sở.",
    ];

    private static readonly string[] ReturnComments =
    [
        "Đề nghị bổ sung số liệu chỉ tiêu tiêm chủng và làm rõ nguyên nhân chậm tiến độ nhiệm vụ 3.",
        "Báo cáo thiếu kết quả nhiệm vụ 2; đề nghị bổ sung và gửi lại.",
        "Số liệu đăng ký khai sinh chưa khớp với báo cáo của UBND; đề nghị rà soát lại.",
    ];
}
