//! Text encodings: which one a file is in, and a streaming decoder to UTF-8.
//!
//! Detection looks at the first 64 KiB of text, in this order:
//! 1. a byte-order mark (UTF-8, UTF-16 LE or BE) decides;
//! 2. a sample where every other byte is NUL is UTF-16 without a BOM;
//! 3. a sample that is valid UTF-8 (a character cut at the sample's end allowed) is UTF-8;
//! 4. otherwise `chardetng` guesses among the legacy encodings (GB18030/GBK, Big5, Shift_JIS,
//!    EUC-KR, windows-1252...).
//!
//! The user can override the choice by label (`"gbk"`, `"utf-16le"`, `"latin1"`...). Files
//! decoded from a legacy encoding are checked for replacement characters, and a file whose
//! sample looked like UTF-8 but later holds invalid bytes flags those rows (`invalid_utf8`), so
//! mojibake is never silent.

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8};
use serde::Serialize;

/// How the encoding was decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Detection {
    /// A byte-order mark.
    Bom,
    /// Every other byte of the sample is NUL: UTF-16 without a BOM.
    NulPattern,
    /// The sample is valid UTF-8.
    ValidUtf8,
    /// A statistical guess (chardetng) from the sample.
    Guessed,
    /// Set by the user.
    UserChoice,
    /// Not text: a workbook's cells are Unicode already.
    Workbook,
}

/// Encodings offered to the user for an override, by their WHATWG label.
pub const CHOICES: [&str; 9] =
    ["UTF-8", "GB18030", "GBK", "Big5", "Shift_JIS", "UTF-16LE", "UTF-16BE", "windows-1252", "EUC-KR"];

/// Looks up an encoding by label (WHATWG labels: `gbk`, `gb2312`, `latin1`, `utf-16`...).
pub fn for_label(label: &str) -> Option<&'static Encoding> {
    Encoding::for_label(label.trim().as_bytes())
}

/// Decides the encoding of a text sample (the head of a file). `complete` is true when the sample
/// is the whole file. Returns the encoding, how it was decided, and the BOM length to skip.
///
/// ```
/// use clientele::ingest::decode::{detect, Detection};
/// let (enc, how, _) = detect("客户,金额\n".as_bytes(), true);
/// assert_eq!((enc.name(), how), ("UTF-8", Detection::ValidUtf8));
/// let gbk = encoding_rs::GBK.encode("客户编号,下单时间,金额\n张三,2020-01-01,12.5\n").0;
/// assert_eq!(detect(&gbk, true).0.name(), "GBK");
/// ```
pub fn detect(sample: &[u8], complete: bool) -> (&'static Encoding, Detection, usize) {
    if let Some((enc, bom)) = Encoding::for_bom(sample) {
        return (enc, Detection::Bom, bom);
    }
    if let Some(enc) = utf16_by_nuls(sample) {
        return (enc, Detection::NulPattern, 0);
    }
    if is_utf8_prefix(sample, complete) {
        return (UTF_8, Detection::ValidUtf8, 0);
    }
    let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    det.feed(sample, complete);
    let guess = det.guess(None, chardetng::Utf8Detection::Allow);
    // chardetng is tuned for web pages. A sales export is mostly ASCII digits with a few Chinese
    // header words and `￥` signs, and it can then pick a Cyrillic code page. When it picks a
    // single-byte encoding but the sample reads cleanly as GBK into Chinese text, GBK wins.
    if !is_cjk(guess) && gb2312_share(sample) >= 0.9 {
        return (encoding_rs::GBK, Detection::Guessed, 0);
    }
    (guess, Detection::Guessed, 0)
}

/// The legacy encoding of text that turned out not to be UTF-8 after a pure-ASCII start.
pub fn detect_legacy(sample: &[u8]) -> &'static Encoding {
    let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    det.feed(sample, false);
    let guess = det.guess(None, chardetng::Utf8Detection::Deny);
    if !is_cjk(guess) && gb2312_share(sample) >= 0.9 {
        return encoding_rs::GBK;
    }
    guess
}

fn is_cjk(enc: &'static Encoding) -> bool {
    [
        encoding_rs::GBK,
        encoding_rs::GB18030,
        encoding_rs::BIG5,
        encoding_rs::SHIFT_JIS,
        encoding_rs::EUC_JP,
        encoding_rs::EUC_KR,
    ]
    .contains(&enc)
}

/// The share of non-ASCII bytes that pair into GB2312 characters (both bytes in 0xA1..=0xFE,
/// the lead up to 0xF7): common Chinese text and full-width signs such as `￥`. Latin-1 text
/// (`Éire`) has high bytes followed by ASCII and scores low. 0 with fewer than two pairs.
fn gb2312_share(sample: &[u8]) -> f64 {
    let (mut good, mut bad, mut i) = (0usize, 0usize, 0usize);
    while i < sample.len() {
        let b = sample[i];
        if b < 0x80 {
            i += 1;
        } else if (0xA1..=0xF7).contains(&b) && sample.get(i + 1).is_some_and(|t| (0xA1..=0xFE).contains(t)) {
            good += 1;
            i += 2;
        } else {
            bad += 1;
            i += 1;
        }
    }
    if good < 2 {
        0.0
    } else {
        good as f64 / (good + bad) as f64
    }
}

/// Whether `sample` is valid UTF-8, allowing one character cut at the end of a partial sample.
fn is_utf8_prefix(sample: &[u8], complete: bool) -> bool {
    match std::str::from_utf8(sample) {
        Ok(_) => true,
        Err(e) => !complete && e.error_len().is_none() && sample.len() - e.valid_up_to() < 4,
    }
}

/// UTF-16 without a BOM: ASCII-heavy text has NUL in every other byte.
fn utf16_by_nuls(sample: &[u8]) -> Option<&'static Encoding> {
    let n = sample.len().min(4096) / 2 * 2;
    if n < 4 {
        return None;
    }
    let (mut even, mut odd) = (0usize, 0usize);
    for pair in sample[..n].chunks_exact(2) {
        even += usize::from(pair[0] == 0);
        odd += usize::from(pair[1] == 0);
    }
    let pairs = n / 2;
    if odd * 10 >= pairs * 7 && even * 10 < pairs {
        Some(UTF_16LE)
    } else if even * 10 >= pairs * 7 && odd * 10 < pairs {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// Streams bytes of one encoding into UTF-8. UTF-8 input passes through untouched (its invalid
/// bytes are flagged per row later); everything else goes through `encoding_rs`.
#[derive(Debug)]
pub struct TextDecoder {
    inner: Option<encoding_rs::Decoder>,
    out: String,
    finished: bool,
    /// Whether any malformed input was replaced with U+FFFD.
    pub replaced: bool,
}

impl TextDecoder {
    /// A decoder for `encoding`; a BOM of that encoding at the start is dropped.
    pub fn new(encoding: &'static Encoding) -> Self {
        let inner = (encoding != UTF_8).then(|| encoding.new_decoder_with_bom_removal());
        TextDecoder { inner, out: String::new(), finished: false, replaced: false }
    }

    /// Whether bytes pass through unchanged.
    pub fn is_utf8(&self) -> bool {
        self.inner.is_none()
    }

    /// Decodes the next chunk; `last` flushes a character cut at the end.
    pub fn decode<'a>(&'a mut self, input: &'a [u8], last: bool) -> &'a [u8] {
        let Some(dec) = self.inner.as_mut() else { return input };
        self.out.clear();
        if self.finished {
            return self.out.as_bytes();
        }
        self.finished = last;
        let need = dec.max_utf8_buffer_length(input.len()).unwrap_or(input.len() * 3 + 16);
        self.out.reserve(need);
        let (_, _, replaced) = dec.decode_to_string(input, &mut self.out, last);
        self.replaced |= replaced;
        self.out.as_bytes()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detection_order() {
        let (enc, how, bom) = detect(b"\xEF\xBB\xBFa,b\n", true);
        assert_eq!((enc.name(), how, bom), ("UTF-8", Detection::Bom, 3));
        let (enc, how, bom) = detect(b"\xFF\xFEa\0,\0b\0", true);
        assert_eq!((enc.name(), how, bom), ("UTF-16LE", Detection::Bom, 2));
        let (enc, how, _) = detect(b"a\0,\0b\0\n\0", true);
        assert_eq!((enc.name(), how), ("UTF-16LE", Detection::NulPattern));
        let (enc, how, _) = detect(b"\0a\0,\0b\0\n", true);
        assert_eq!((enc.name(), how), ("UTF-16BE", Detection::NulPattern));
        // A character cut at the end of a partial sample is still UTF-8.
        let s = "金额".as_bytes();
        assert_eq!(detect(&s[..4], false).1, Detection::ValidUtf8);
        assert_eq!(detect(&s[..4], true).1, Detection::Guessed);
    }

    #[test]
    fn legacy_encodings_are_guessed() {
        let text = "客户编号,下单时间,商品名称,金额\n会员001,2020-01-01 10:00,北京烤鸭礼盒,128.00\n会员002,2020-01-02 11:00,上海小笼包,56.50\n";
        let gbk = encoding_rs::GBK.encode(text).0;
        assert_eq!(detect(&gbk, true).0.name(), "GBK");
        let big5 = encoding_rs::BIG5.encode("客戶編號,下單時間,商品名稱,金額\n會員001,2020-01-01,臺灣鳳梨酥禮盒,128.00\n會員002,2020-01-02,高雄烏魚子,560.00\n").0;
        assert_eq!(detect(&big5, true).0.name(), "Big5");
        let sjis = encoding_rs::SHIFT_JIS.encode("顧客番号,購入日,商品名,金額\n会員001,2020-01-01,抹茶チョコレート詰め合わせ,1280\n会員002,2020-01-02,ほうじ茶ラテの素,560\n").0;
        assert_eq!(detect(&sjis, true).0.name(), "Shift_JIS");
        let latin = encoding_rs::WINDOWS_1252
            .encode("Customer,Amount,City\nJosé Müller,12.50,Zürich\nFrançois,3.20,Besançon\n")
            .0;
        assert_eq!(detect(&latin, true).0.name(), "windows-1252");
    }

    #[test]
    fn streaming_decode_across_a_cut_character() {
        let gbk = encoding_rs::GBK.encode("金额,客户\n").0.into_owned();
        let mut dec = TextDecoder::new(encoding_rs::GBK);
        let mut out = Vec::new();
        for chunk in gbk.chunks(3) {
            out.extend_from_slice(dec.decode(chunk, false));
        }
        out.extend_from_slice(dec.decode(b"", true));
        assert_eq!(String::from_utf8(out).unwrap(), "金额,客户\n");
        assert!(!dec.replaced);
    }
}
