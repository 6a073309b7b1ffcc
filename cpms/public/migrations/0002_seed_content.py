"""Seed the public site: hotlines, guidance pages, and the inactive "public-site" user that
receives web-form reports (Report.received_by and created_by cannot be empty)."""

from __future__ import annotations

from django.db import migrations

SYSTEM_USERNAME = "public-site"

HOTLINES = [
    {
        "name": "Tổng đài quốc gia bảo vệ trẻ em",
        "number": "111",
        "scope": "national",
        "hours": "24/7, tất cả các ngày",
        "description": "Miễn phí. Tư vấn và tiếp nhận thông tin về trẻ em bị xâm hại hoặc có nguy cơ.",
        "emergency": False,
        "position": 1,
        "active": True,
    },
    {
        "name": "Công an (cấp cứu khẩn cấp)",
        "number": "113",
        "scope": "national",
        "hours": "24/7",
        "description": "Gọi ngay khi trẻ đang gặp nguy hiểm hoặc có người đang bị tấn công.",
        "emergency": True,
        "position": 2,
        "active": True,
    },
    {
        # legal-framework.md §5: the provincial number was not found (UNVERIFIED); it stays
        # blank and hidden until an administrator enters the official number.
        "name": "Đường dây nóng bảo vệ trẻ em tỉnh Quảng Ngãi",
        "number": "",
        "scope": "provincial",
        "hours": "",
        "description": "CHƯA XÁC MINH: quản trị viên cần nhập số chính thức của Sở Y tế "
        "tỉnh Quảng Ngãi rồi bật “đang dùng”.",
        "emergency": False,
        "position": 3,
        "active": False,
    },
]

AFTER_REPORT = """Khi bạn báo tin, thông tin được chuyển tới Ủy ban nhân dân xã, phường nơi trẻ sống hoặc nơi xảy ra sự việc.

## Các bước xử lý
- Cán bộ bảo vệ trẻ em của xã, phường tiếp nhận thông tin ngay.
- Cán bộ kiểm tra thông tin và đánh giá mức độ nguy hiểm đối với trẻ.
- Nếu trẻ đang gặp nguy hiểm, Chủ tịch xã, phường phải có biện pháp bảo vệ khẩn cấp trong vòng 12 giờ kể từ khi nhận tin. Trẻ có thể được đưa tạm thời đến nơi an toàn.
- Cán bộ tìm hiểu thêm về trẻ và gia đình, xác định trẻ cần gì.
- Xã, phường lập kế hoạch hỗ trợ trẻ (y tế, tâm lý, học tập, pháp lý…) và theo dõi cho tới khi trẻ an toàn.
- Nếu có dấu hiệu tội phạm, công an sẽ điều tra theo quy định của pháp luật.

## Thông tin của bạn được giữ bí mật
Bạn có thể báo tin mà không cần cho biết tên. Nếu bạn để lại tên và số điện thoại, chỉ cán bộ có trách nhiệm mới được xem để liên hệ lại khi cần.

## Theo dõi thông tin đã báo
Sau khi gửi biểu mẫu trên trang này, bạn nhận được một mã theo dõi. Dùng mã đó để xem thông tin đang ở bước nào: đã tiếp nhận, đang xử lý hoặc đã kết thúc. Vì để bảo vệ trẻ, trang này không hiển thị nội dung xử lý."""

PAGES = [
    {
        "slug": "cha-me-nhan-biet-dau-hieu",
        "title": "Nhận biết trẻ bị xâm hại",
        "summary": "Những dấu hiệu cha mẹ, người chăm sóc cần chú ý.",
        "audience": "parents",
        "position": 1,
        "body": """Trẻ bị xâm hại thường không dám kể. Hãy để ý những thay đổi của con.

## Dấu hiệu trên cơ thể
- Vết bầm, vết bỏng, vết thương không rõ lý do.
- Đau, ngứa, chảy máu ở vùng kín; đi lại, ngồi khó khăn.
- Mệt mỏi, ăn không ngon, mất ngủ kéo dài.

## Dấu hiệu trong hành vi
- Bỗng sợ hãi, hay khóc, thu mình, ít nói.
- Sợ một người hoặc một nơi nào đó, không muốn về nhà hoặc không muốn đến lớp.
- Học sa sút, hay bỏ học.
- Nói hoặc làm những điều về tình dục không hợp với tuổi.
- Có tiền, quà, điện thoại mà không rõ ai cho.

## Khi con kể với bạn
- Giữ bình tĩnh. Lắng nghe, không la mắng.
- Nói với con: “Con kể là đúng. Không phải lỗi của con.”
- Không hỏi dồn, không bắt con kể lại nhiều lần.
- Báo ngay cho Tổng đài 111, công an hoặc Ủy ban nhân dân xã, phường.""",
    },
    {
        "slug": "cha-me-giu-an-toan-cho-con",
        "title": "Giữ an toàn cho con",
        "summary": "Những việc làm hằng ngày giúp con an toàn.",
        "audience": "parents",
        "position": 2,
        "body": """Cha mẹ là người bảo vệ con tốt nhất. Những việc nhỏ hằng ngày giúp con an toàn hơn.

## Ở nhà
- Dạy con tên gọi đúng của các bộ phận trên cơ thể.
- Dạy con: không ai được chạm vào vùng kín của con, trừ khi bác sĩ khám có cha mẹ ở bên.
- Dạy con nói “Không”, bỏ đi và kể lại với người tin cậy.
- Không có “bí mật” nào mà con phải giấu cha mẹ.

## Khi con ra ngoài
- Biết con đi đâu, với ai, khi nào về.
- Không để trẻ nhỏ ở một mình hoặc gửi người mình chưa tin tưởng.
- Dạy con số điện thoại của cha mẹ và số 111.

## Trên mạng
- Đặt máy tính, điện thoại ở nơi chung trong nhà.
- Dặn con không gửi ảnh, không hẹn gặp người chỉ quen trên mạng.
- Nếu có người đe dọa con trên mạng, giữ lại tin nhắn và báo ngay.""",
    },
    {
        "slug": "sau-khi-bao-tin",
        "title": "Điều gì xảy ra sau khi báo tin",
        "summary": "Các bước xã, phường làm để bảo vệ trẻ.",
        "audience": "parents",
        "position": 3,
        "body": AFTER_REPORT,
    },
    {
        "slug": "thay-co-nhan-biet-va-ho-tro",
        "title": "Nhận biết và hỗ trợ học sinh",
        "summary": "Thầy cô là người thường thấy sớm nhất những thay đổi của học sinh.",
        "audience": "teachers",
        "position": 1,
        "body": """Thầy cô gặp học sinh hằng ngày nên thường thấy sớm những thay đổi bất thường.

## Chú ý khi học sinh
- Có vết thương không rõ lý do, hay nghỉ học.
- Bỗng sợ hãi, im lặng, hoặc hung hăng khác thường.
- Sợ về nhà, hoặc sợ một người lớn nào đó.
- Có hành vi, lời nói về tình dục không hợp với tuổi.

## Khi học sinh tâm sự
- Tìm nơi yên tĩnh, lắng nghe, tin lời em.
- Không hứa giữ bí mật. Hãy nói: “Thầy/cô sẽ tìm người giúp em an toàn.”
- Ghi lại ngắn gọn lời em kể, đúng lời em nói.
- Không tự điều tra, không gặp người bị nghi ngờ.

## Giữ bí mật cho học sinh
Chỉ chia sẻ thông tin với người có trách nhiệm. Không kể trong lớp, không đăng lên mạng.""",
    },
    {
        "slug": "thay-co-trach-nhiem-bao-tin",
        "title": "Trách nhiệm báo tin của nhà trường",
        "summary": "Khi nào và báo cho ai.",
        "audience": "teachers",
        "position": 2,
        "body": """Theo Nghị định 56/2017, cơ quan, trường học và mọi người khi phát hiện hoặc biết trẻ bị xâm hại, hoặc có nguy cơ bị xâm hại, phải báo ngay.

## Báo cho ai
- Tổng đài quốc gia bảo vệ trẻ em 111.
- Công an nơi gần nhất (gọi 113 nếu khẩn cấp).
- Ủy ban nhân dân xã, phường nơi trẻ sống hoặc nơi xảy ra sự việc.

## Nhà trường nên
- Báo ban giám hiệu và cán bộ phụ trách bảo vệ trẻ em của trường.
- Phối hợp với xã, phường khi được đề nghị.
- Tiếp tục hỗ trợ để em được đi học bình thường.

Không cần chắc chắn mới báo. Chỉ cần nghi ngờ có lý do, hãy báo để người có chuyên môn kiểm tra.""",
    },
    {
        "slug": "tre-em-co-the-cua-em",
        "title": "Cơ thể của em là của em",
        "summary": "Những điều em cần biết để an toàn.",
        "audience": "children",
        "position": 1,
        "body": """Cơ thể của em là của em. Không ai được làm em đau hay sợ.

## Em nhớ nhé
- Vùng kín là phần được đồ lót che. Không ai được nhìn hay chạm vào đó.
- Không ai được bắt em chạm vào vùng kín của họ.
- Không ai được chụp ảnh vùng kín của em.
- Nếu ai đó làm vậy, đó không phải lỗi của em.

## Nếu em thấy không an toàn
- Nói to: “Không!”
- Chạy đi chỗ đông người.
- Kể ngay với người lớn em tin: bố mẹ, ông bà, thầy cô.
- Nếu người đó bảo em giữ bí mật, em vẫn phải kể.""",
    },
    {
        "slug": "tre-em-khi-can-giup-do",
        "title": "Khi em cần giúp đỡ",
        "summary": "Em có thể gọi 111 bất cứ lúc nào, miễn phí.",
        "audience": "children",
        "position": 2,
        "body": """Nếu em hoặc bạn em bị đánh, bị bắt nạt, bị ai đó chạm vào người làm em sợ, em có thể nhờ giúp đỡ.

## Em có thể
- Gọi số 111. Gọi miễn phí, ngày hay đêm đều có người nghe.
- Gọi 113 nếu em đang gặp nguy hiểm ngay lúc này.
- Kể với thầy cô, bố mẹ hoặc người lớn em tin.
- Gửi tin trên trang này. Em không cần ghi tên.

## Khi em gọi 111
Người nghe máy sẽ hỏi em đang ở đâu và chuyện gì đã xảy ra. Em cứ nói những gì em biết. Em không bị mắng. Họ sẽ tìm cách giúp em an toàn.""",
    },
]


def seed(apps, schema_editor):
    User = apps.get_model("accounts", "User")
    Hotline = apps.get_model("public", "Hotline")
    PublicPage = apps.get_model("public", "PublicPage")
    User.objects.get_or_create(
        username=SYSTEM_USERNAME,
        defaults={
            "is_active": False,
            "password": "!",  # unusable: this account never signs in
            "full_name": "Trang công khai (tài khoản hệ thống)",
        },
    )
    for row in HOTLINES:
        Hotline.objects.get_or_create(name=row["name"], defaults=row)
    for row in PAGES:
        PublicPage.objects.get_or_create(slug=row["slug"], defaults=row)


class Migration(migrations.Migration):
    dependencies = [
        ("public", "0001_initial"),
        ("accounts", "0002_add_agency_access_grant"),
    ]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
