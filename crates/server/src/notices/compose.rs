//! What a notice says: the e-mails and push messages that tell a buyer or a seller what
//! happened to an inquiry, in the recipient's language (the buyer's form's, the seller's
//! own). Pure: the facts in, the message out; the outbox stores it with the event that
//! caused it, and the sender delivers it.
//!
//! A message carries only what its recipient may know: a buyer's receipt names the sellers
//! asked, never another buyer; a seller's notice names its buyer's organisation and the
//! reference, and links to the seller's own inbox, never to the buyer's private tracking
//! page. Every value is escaped in the HTML part.

use etalase_model::inquiry::{InquiryStatus, Quote};
use etalase_model::money::format_rupiah;
use etalase_model::{InquiryKind, Lang};
use html_escape::encode_text as text;

/// An e-mail: subject, plain text, and the same in HTML.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Email {
    pub subject: String,
    pub text: String,
    pub html: String,
}

/// A push message for the seller's phone: what the notification shows and where it opens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Push {
    pub title: String,
    pub body: String,
    /// A path of the app (the inbox).
    pub url: String,
}

/// The buyer's receipt: the reference, who was asked, and the private tracking link.
pub fn receipt(
    lang: Lang,
    kind: InquiryKind,
    reference: &str,
    sellers: &[&str],
    tracking_url: &str,
) -> Email {
    let (subject, opening, asked, follow, closing) = match lang {
        Lang::Id => (
            format!("Permintaan Anda diterima: {reference}"),
            format!("Terima kasih. {} Anda sudah kami terima dengan nomor {reference}.", kind.label(lang)),
            "Kami teruskan kepada:",
            "Ikuti balasan, penawaran harga dan statusnya di tautan pribadi ini (jangan dibagikan):",
            "Penjual biasanya membalas lewat WhatsApp atau e-mail.",
        ),
        Lang::En => (
            format!("Your inquiry was received: {reference}"),
            format!("Thank you. We have received your {} under reference {reference}.", kind.label(lang).to_lowercase()),
            "We have passed it on to:",
            "Follow replies, quotations and its status at this private link (do not share it):",
            "Sellers usually answer by WhatsApp or e-mail.",
        ),
    };
    let list_text: String = sellers.iter().map(|s| format!("- {s}\n")).collect();
    let list_html: String = sellers
        .iter()
        .map(|s| format!("<li>{}</li>", text(s)))
        .collect();
    Email {
        subject,
        text: format!("{opening}\n\n{asked}\n{list_text}\n{follow}\n{tracking_url}\n\n{closing}\n\n— Etalase Desa\n"),
        html: format!(
            "<p>{}</p><p>{}</p><ul>{list_html}</ul><p>{}<br><a href=\"{url}\">{url}</a></p><p>{}</p><p>— Etalase Desa</p>",
            text(&opening),
            text(asked),
            text(follow),
            text(closing),
            url = text(tracking_url),
        ),
    }
}

/// A seller's notice of a new inquiry part.
pub fn new_inquiry(
    lang: Lang,
    kind: InquiryKind,
    reference: &str,
    buyer_organisation: &str,
    lines: usize,
    inbox_url: &str,
) -> Email {
    let (subject, body, open) = match lang {
        Lang::Id => (
            format!("Permintaan baru dari {buyer_organisation} ({reference})"),
            format!("{} baru dari {buyer_organisation}: {lines} produk Anda, nomor {reference}.", kind.label(lang)),
            "Buka kotak masuk untuk melihat rinciannya dan membalas:",
        ),
        Lang::En => (
            format!("New inquiry from {buyer_organisation} ({reference})"),
            format!("A new {} from {buyer_organisation}: {lines} of your products, reference {reference}.", kind.label(lang).to_lowercase()),
            "Open your inbox to see the details and answer:",
        ),
    };
    Email {
        subject,
        text: format!("{body}\n\n{open}\n{inbox_url}\n\n— Etalase Desa\n"),
        html: format!(
            "<p>{}</p><p>{}<br><a href=\"{url}\">{url}</a></p><p>— Etalase Desa</p>",
            text(&body),
            text(open),
            url = text(inbox_url),
        ),
    }
}

/// A cooperative operator's notice of a new inquiry for a member (operators work in
/// Indonesian): who asked, for whom, and the member's inbox they answer from.
pub fn member_inquiry(
    reference: &str,
    buyer_organisation: &str,
    member: &str,
    lines: usize,
    inbox_url: &str,
) -> Email {
    let subject = format!("Permintaan baru untuk anggota {member} ({reference})");
    let body = format!(
        "{buyer_organisation} meminta {lines} produk {member}, anggota koperasi Anda, dengan nomor {reference}."
    );
    let open = "Buka kotak masuk anggota untuk membalas atas namanya:";
    Email {
        text: format!("{body}\n\n{open}\n{inbox_url}\n\n— Etalase Desa\n"),
        html: format!(
            "<p>{}</p><p>{}<br><a href=\"{url}\">{url}</a></p><p>— Etalase Desa</p>",
            text(&body),
            text(open),
            url = text(inbox_url),
        ),
        subject,
    }
}

/// The buyer's notice of a seller's answer: who answered, the reply, the new status, and
/// the private tracking link (where quotes are accepted).
pub fn answer(
    lang: Lang,
    reference: &str,
    seller: &str,
    status: Option<InquiryStatus>,
    reply: Option<&str>,
    tracking_url: &str,
) -> Email {
    let (subject, said, now, open) = match lang {
        Lang::Id => (
            format!("{seller} membalas permintaan {reference}"),
            format!("{seller} membalas permintaan Anda {reference}:"),
            "Status sekarang:",
            "Lihat semuanya dan balas penawaran di tautan pribadi Anda:",
        ),
        Lang::En => (
            format!("{seller} answered inquiry {reference}"),
            format!("{seller} answered your inquiry {reference}:"),
            "Status now:",
            "See everything and answer quotations at your private link:",
        ),
    };
    let reply_text = reply.map(|r| format!("\n\n{r}")).unwrap_or_default();
    let status_text = status
        .map(|s| format!("\n\n{now} {}", s.label(lang)))
        .unwrap_or_default();
    let reply_html = reply
        .map(|r| format!("<blockquote>{}</blockquote>", text(r).replace('\n', "<br>")))
        .unwrap_or_default();
    let status_html = status
        .map(|s| {
            format!(
                "<p>{} <strong>{}</strong></p>",
                text(now),
                text(s.label(lang))
            )
        })
        .unwrap_or_default();
    Email {
        subject,
        text: format!(
            "{said}{reply_text}{status_text}\n\n{open}\n{tracking_url}\n\n— Etalase Desa\n"
        ),
        html: format!(
            "<p>{}</p>{reply_html}{status_html}<p>{}<br><a href=\"{url}\">{url}</a></p><p>— Etalase Desa</p>",
            text(&said),
            text(open),
            url = text(tracking_url),
        ),
    }
}

/// The buyer's notice of a quote: the offer's figures, and the link where it is accepted or
/// declined (and printed).
pub fn quote(
    lang: Lang,
    reference: &str,
    seller: &str,
    quote: &Quote,
    tracking_url: &str,
) -> Email {
    let unit = quote.unit.label(lang);
    let price = format!("{} / {unit}", format_rupiah(quote.unit_price_idr));
    let total = quote.total_idr().map(format_rupiah).unwrap_or_default();
    let (subject, intro, lines, open) = match lang {
        Lang::Id => (
            format!("Penawaran harga dari {seller} untuk {reference}"),
            format!("{seller} mengirim penawaran harga untuk permintaan Anda {reference}."),
            [
                format!("Harga: {price}"),
                format!("Jumlah: {} {unit}", quote.quantity),
                format!("Total: {total}"),
                format!("Berlaku sampai: {}", quote.valid_until),
            ],
            "Terima atau tolak penawaran ini, dan cetak penawarannya, di tautan pribadi Anda:",
        ),
        Lang::En => (
            format!("Quotation from {seller} for {reference}"),
            format!("{seller} sent a quotation for your inquiry {reference}."),
            [
                format!("Price: {price}"),
                format!("Quantity: {} {unit}", quote.quantity),
                format!("Total: {total}"),
                format!("Valid until: {}", quote.valid_until),
            ],
            "Accept or decline it, and print the quotation, at your private link:",
        ),
    };
    Email {
        subject,
        text: format!(
            "{intro}\n\n{}\n\n{open}\n{tracking_url}\n\n— Etalase Desa\n",
            lines.join("\n")
        ),
        html: format!(
            "<p>{}</p><ul>{}</ul><p>{}<br><a href=\"{url}\">{url}</a></p><p>— Etalase Desa</p>",
            text(&intro),
            lines
                .iter()
                .map(|l| format!("<li>{}</li>", text(l)))
                .collect::<String>(),
            text(open),
            url = text(tracking_url),
        ),
    }
}

/// The seller's notice of the buyer's decision on their quote.
pub fn decision(
    reference: &str,
    buyer_organisation: &str,
    accepted: bool,
    reason: Option<&str>,
    inbox_url: &str,
) -> Email {
    // Sellers' notices are Indonesian, as their app is by default.
    let (subject, said) = if accepted {
        (
            format!("Penawaran diterima: {buyer_organisation} ({reference})"),
            format!("{buyer_organisation} menerima penawaran Anda untuk {reference}. Hubungi pembeli untuk pengiriman dan pembayaran."),
        )
    } else {
        (
            format!("Penawaran ditolak: {buyer_organisation} ({reference})"),
            format!("{buyer_organisation} menolak penawaran Anda untuk {reference}."),
        )
    };
    let why = reason.map(|r| format!("Alasan: {r}"));
    Email {
        subject,
        text: format!(
            "{said}\n{}\nKotak masuk: {inbox_url}\n\n— Etalase Desa\n",
            why.as_deref()
                .map(|w| format!("\n{w}\n"))
                .unwrap_or_default()
        ),
        html: format!(
            "<p>{}</p>{}<p><a href=\"{url}\">{url}</a></p><p>— Etalase Desa</p>",
            text(&said),
            why.map(|w| format!("<p>{}</p>", text(&w)))
                .unwrap_or_default(),
            url = text(inbox_url),
        ),
    }
}

/// A part that closed itself, told to the buyer (`link`: their tracking page) or the seller
/// (`link`: the inbox).
pub fn expired(lang: Lang, reference: &str, seller: &str, to_seller: bool, link: &str) -> Email {
    let (subject, said) = match (lang, to_seller) {
        (Lang::Id, false) => (
            format!("Permintaan {reference} ditutup: masa berlaku habis"),
            format!("Bagian permintaan {reference} untuk {seller} ditutup karena masa berlakunya habis tanpa jawaban. Kirim permintaan baru bila masih perlu."),
        ),
        (Lang::En, false) => (
            format!("Inquiry {reference} closed: it expired"),
            format!("The part of inquiry {reference} for {seller} closed because its validity passed without an answer. Send a new inquiry if you still need it."),
        ),
        (_, true) => (
            format!("Permintaan {reference} ditutup: masa berlaku habis"),
            format!("Permintaan {reference} ditutup karena masa berlaku penawaran atau permintaannya habis tanpa jawaban."),
        ),
    };
    Email {
        subject,
        text: format!("{said}\n\n{link}\n\n— Etalase Desa\n"),
        html: format!(
            "<p>{}</p><p><a href=\"{url}\">{url}</a></p><p>— Etalase Desa</p>",
            text(&said),
            url = text(link),
        ),
    }
}

/// The push message for a new inquiry: "Permintaan baru: Hotel … (PQ-…)".
pub fn new_inquiry_push(
    lang: Lang,
    reference: &str,
    buyer_organisation: &str,
    inbox_path: &str,
) -> Push {
    let title = match lang {
        Lang::Id => format!("Permintaan baru: {buyer_organisation} ({reference})"),
        Lang::En => format!("New inquiry: {buyer_organisation} ({reference})"),
    };
    let body = match lang {
        Lang::Id => "Ketuk untuk membuka kotak masuk.".to_string(),
        Lang::En => "Tap to open your inbox.".to_string(),
    };
    Push {
        title,
        body,
        url: inbox_path.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HOSTILE: &str = "Hotel <script>alert(1)</script> & Co";

    #[test]
    fn a_receipt_names_the_reference_the_sellers_and_the_private_link_in_its_language() {
        let url = "https://etalase.example/permintaan/lacak/t0k3n";
        for lang in Lang::ALL {
            let mail = receipt(
                lang,
                InquiryKind::Purchase,
                "PQ-2026-000123",
                &["UD Sepatin Jaya", HOSTILE],
                url,
            );
            assert!(mail.subject.contains("PQ-2026-000123"));
            for part in [&mail.text, &mail.html] {
                assert!(
                    part.contains("PQ-2026-000123") && part.contains(url),
                    "{part}"
                );
                assert!(part.contains("UD Sepatin Jaya"), "{part}");
            }
            assert!(!mail.html.contains("<script>"), "{}", mail.html);
            assert!(mail.html.contains("&lt;script&gt;"));
        }
        let id = receipt(Lang::Id, InquiryKind::Export, "RFQ-2026-000007", &[], url);
        let en = receipt(Lang::En, InquiryKind::Export, "RFQ-2026-000007", &[], url);
        assert!(id.subject.starts_with("Permintaan Anda diterima"));
        assert!(en.subject.starts_with("Your inquiry was received"));
        assert_ne!(id.text, en.text);
    }

    #[test]
    fn a_seller_notice_links_the_inbox_never_the_buyers_tracking_page() {
        for lang in Lang::ALL {
            let mail = new_inquiry(
                lang,
                InquiryKind::Purchase,
                "PQ-2026-000123",
                HOSTILE,
                2,
                "https://etalase.example/penjual/permintaan",
            );
            assert!(mail.subject.contains("PQ-2026-000123"));
            assert!(mail.text.contains("/penjual/permintaan"));
            assert!(!mail.text.contains("/lacak/") && !mail.html.contains("/lacak/"));
            assert!(!mail.html.contains("<script>"));
        }
        let mail = answer(
            Lang::En,
            "PQ-2026-000123",
            "UD Sepatin",
            Some(InquiryStatus::Quoted),
            Some("Rp 85.000/kg, kirim Senin <b>"),
            "https://etalase.example/permintaan/lacak/t0k3n",
        );
        assert_eq!(mail.subject, "UD Sepatin answered inquiry PQ-2026-000123");
        assert!(mail.text.contains("Rp 85.000/kg") && mail.text.contains("Quoted"));
        assert!(mail.html.contains("&lt;b&gt;") && !mail.html.contains("<b>"));
        let push = new_inquiry_push(
            Lang::Id,
            "PQ-2026-000123",
            "Hotel Tepian",
            "/penjual/permintaan",
        );
        assert_eq!(push.title, "Permintaan baru: Hotel Tepian (PQ-2026-000123)");
        assert_eq!(push.url, "/penjual/permintaan");
    }
}
