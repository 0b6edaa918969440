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
//!
//! Without the `legacy` feature (the page's first wasm module, issue 16) neither `encoding_rs`
//! nor `chardetng` is built: UTF-8 passes through and UTF-16 is decoded by hand ([`utf16`]);
//! a sample that needs a legacy guess, or a legacy label, is [`NeedsLegacy`], which the reader
//! turns into `ingest.needs_full_reader` so that the page loads the full module and reads again.

#[cfg(feature = "legacy")]
pub use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8};
use serde::Serialize;

#[cfg(not(feature = "legacy"))]
pub use lite::{Encoding, UTF_16BE, UTF_16LE, UTF_8};

/// The text needs a legacy encoding, which this build (without the `legacy` feature) cannot
/// decode or guess.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NeedsLegacy;

impl NeedsLegacy {
    /// The error that asks for the full reader (reader `legacy_encoding`).
    pub fn error(self, file: &str) -> crate::IngestError {
        crate::IngestError::NeedsFullReader { file: file.to_owned(), reader: "legacy_encoding" }
    }
}

/// The encodings of a build without the `legacy` feature: UTF-8 and UTF-16, with the names and
/// WHATWG labels `encoding_rs` gives them.
#[cfg(not(feature = "legacy"))]
mod lite {
    /// A text encoding (UTF-8, UTF-16LE or UTF-16BE in this build).
    #[derive(Debug, PartialEq, Eq)]
    pub struct Encoding {
        name: &'static str,
    }

    pub static UTF_8: &Encoding = &Encoding { name: "UTF-8" };
    pub static UTF_16LE: &Encoding = &Encoding { name: "UTF-16LE" };
    pub static UTF_16BE: &Encoding = &Encoding { name: "UTF-16BE" };

    impl Encoding {
        /// The encoding's name, as `encoding_rs` spells it.
        pub fn name(&'static self) -> &'static str {
            self.name
        }

        /// The encoding of a byte-order mark at the start, and the mark's length.
        pub fn for_bom(bytes: &[u8]) -> Option<(&'static Encoding, usize)> {
            if bytes.starts_with(b"\xEF\xBB\xBF") {
                Some((UTF_8, 3))
            } else if bytes.starts_with(b"\xFF\xFE") {
                Some((UTF_16LE, 2))
            } else if bytes.starts_with(b"\xFE\xFF") {
                Some((UTF_16BE, 2))
            } else {
                None
            }
        }

        /// The encoding of a WHATWG label among UTF-8's and UTF-16's (ASCII case ignored).
        pub fn for_label(label: &[u8]) -> Option<&'static Encoding> {
            let label = std::str::from_utf8(label).ok()?.trim_matches(|c: char| c.is_ascii_whitespace());
            match label.to_ascii_lowercase().as_str() {
                "unicode-1-1-utf-8" | "unicode11utf8" | "unicode20utf8" | "utf-8" | "utf8" | "x-unicode20utf8" => {
                    Some(UTF_8)
                }
                "csunicode" | "iso-10646-ucs-2" | "ucs-2" | "unicode" | "unicodefeff" | "utf-16" | "utf-16le" => {
                    Some(UTF_16LE)
                }
                "unicodefffe" | "utf-16be" => Some(UTF_16BE),
                _ => None,
            }
        }
    }
}

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
/// Without the `legacy` feature only UTF-8's and UTF-16's labels are known here.
pub fn for_label(label: &str) -> Option<&'static Encoding> {
    Encoding::for_label(label.trim().as_bytes())
}

/// The error for a label [`for_label`] does not know: `ingest.unknown_encoding`, or without
/// the `legacy` feature `ingest.needs_full_reader` (the full module knows the label or says so).
pub fn unknown_label(file: &str, label: &str) -> crate::IngestError {
    if cfg!(feature = "legacy") {
        crate::IngestError::UnknownEncoding { file: file.to_owned(), label: label.to_owned() }
    } else {
        NeedsLegacy.error(file)
    }
}

/// Decides the encoding of a text sample (the head of a file). `complete` is true when the sample
/// is the whole file. Returns the encoding, how it was decided, and the BOM length to skip.
///
/// ```
/// use clientele::ingest::decode::{detect, Detection};
/// let (enc, how, _) = detect("客户,金额\n".as_bytes(), true).unwrap();
/// assert_eq!((enc.name(), how), ("UTF-8", Detection::ValidUtf8));
/// # #[cfg(feature = "legacy")] {
/// let gbk = encoding_rs::GBK.encode("客户编号,下单时间,金额\n张三,2020-01-01,12.5\n").0;
/// assert_eq!(detect(&gbk, true).unwrap().0.name(), "GBK");
/// # }
/// ```
///
/// Without the `legacy` feature a sample that is neither UTF-8 nor UTF-16 is [`NeedsLegacy`].
pub fn detect(sample: &[u8], complete: bool) -> Result<(&'static Encoding, Detection, usize), NeedsLegacy> {
    if let Some((enc, bom)) = Encoding::for_bom(sample) {
        return Ok((enc, Detection::Bom, bom));
    }
    if let Some(enc) = utf16_by_nuls(sample) {
        return Ok((enc, Detection::NulPattern, 0));
    }
    if is_utf8_prefix(sample, complete) {
        return Ok((UTF_8, Detection::ValidUtf8, 0));
    }
    guess_legacy(sample, complete).map(|enc| (enc, Detection::Guessed, 0))
}

#[cfg(not(feature = "legacy"))]
fn guess_legacy(_sample: &[u8], _complete: bool) -> Result<&'static Encoding, NeedsLegacy> {
    Err(NeedsLegacy)
}

#[cfg(feature = "legacy")]
fn guess_legacy(sample: &[u8], complete: bool) -> Result<&'static Encoding, NeedsLegacy> {
    let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    det.feed(sample, complete);
    let guess = det.guess(None, chardetng::Utf8Detection::Allow);
    // chardetng is tuned for web pages. A sales export is mostly ASCII digits with a few Chinese
    // header words and `￥` signs, and it can then pick a Cyrillic code page. When it picks a
    // single-byte encoding but the sample reads cleanly as GBK into Chinese text, GBK wins.
    if !is_cjk(guess) && gb2312_share(sample) >= 0.9 {
        return Ok(encoding_rs::GBK);
    }
    Ok(guess)
}

/// The legacy encoding of text that turned out not to be UTF-8 after a pure-ASCII start
/// ([`NeedsLegacy`] without the `legacy` feature).
#[cfg(not(feature = "legacy"))]
pub fn detect_legacy(_sample: &[u8]) -> Result<&'static Encoding, NeedsLegacy> {
    Err(NeedsLegacy)
}

/// The legacy encoding of text that turned out not to be UTF-8 after a pure-ASCII start.
#[cfg(feature = "legacy")]
pub fn detect_legacy(sample: &[u8]) -> Result<&'static Encoding, NeedsLegacy> {
    let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    det.feed(sample, false);
    let guess = det.guess(None, chardetng::Utf8Detection::Deny);
    if !is_cjk(guess) && gb2312_share(sample) >= 0.9 {
        return Ok(encoding_rs::GBK);
    }
    Ok(guess)
}

#[cfg(feature = "legacy")]
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
#[cfg(feature = "legacy")]
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

#[cfg(feature = "legacy")]
type InnerDecoder = encoding_rs::Decoder;
#[cfg(not(feature = "legacy"))]
type InnerDecoder = utf16::Decoder;

/// Streams bytes of one encoding into UTF-8. UTF-8 input passes through untouched (its invalid
/// bytes are flagged per row later); everything else goes through `encoding_rs` (or, without
/// the `legacy` feature, UTF-16 through [`utf16::Decoder`]).
#[derive(Debug)]
pub struct TextDecoder {
    inner: Option<InnerDecoder>,
    out: String,
    finished: bool,
    /// Whether any malformed input was replaced with U+FFFD.
    pub replaced: bool,
}

impl TextDecoder {
    /// A decoder for `encoding`; a BOM of that encoding at the start is dropped.
    pub fn new(encoding: &'static Encoding) -> Self {
        #[cfg(feature = "legacy")]
        let inner = (encoding != UTF_8).then(|| encoding.new_decoder_with_bom_removal());
        #[cfg(not(feature = "legacy"))]
        let inner = (encoding != UTF_8).then(|| utf16::Decoder::new(encoding == UTF_16BE));
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
        #[cfg(feature = "legacy")]
        {
            let need = dec.max_utf8_buffer_length(input.len()).unwrap_or(input.len() * 3 + 16);
            self.out.reserve(need);
            let (_, _, replaced) = dec.decode_to_string(input, &mut self.out, last);
            self.replaced |= replaced;
        }
        #[cfg(not(feature = "legacy"))]
        {
            self.replaced |= dec.decode_to_string(input, &mut self.out, last);
        }
        self.out.as_bytes()
    }
}

/// UTF-16 to UTF-8 by hand, as `encoding_rs` decodes it (the WHATWG decoder: an unpaired
/// surrogate or a trailing odd byte becomes U+FFFD; a BOM of the decoder's own byte order at the
/// start is dropped), for the build without the `legacy` feature. Tested against `encoding_rs`.
#[cfg_attr(feature = "legacy", allow(dead_code))]
pub mod utf16 {
    /// A streaming UTF-16 decoder.
    #[derive(Debug)]
    pub struct Decoder {
        big_endian: bool,
        /// Whether the next code unit is the first (a BOM there is dropped).
        at_start: bool,
        /// The first byte of a code unit cut at the end of the last chunk.
        lead_byte: Option<u8>,
        /// A high surrogate waiting for its low half.
        lead_surrogate: Option<u16>,
    }

    impl Decoder {
        pub fn new(big_endian: bool) -> Self {
            Decoder { big_endian, at_start: true, lead_byte: None, lead_surrogate: None }
        }

        /// Appends the decoded `input` to `out`; `last` flushes. Returns whether anything
        /// malformed was replaced with U+FFFD.
        pub fn decode_to_string(&mut self, input: &[u8], out: &mut String, last: bool) -> bool {
            out.reserve(input.len() / 2 * 3 + 4);
            let mut replaced = false;
            let mut bytes = input;
            if let Some(lead) = self.lead_byte {
                if let Some((&b, rest)) = bytes.split_first() {
                    self.lead_byte = None;
                    replaced |= self.unit(self.pair(lead, b), out);
                    bytes = rest;
                }
            }
            let mut pairs = bytes.chunks_exact(2);
            for p in &mut pairs {
                replaced |= self.unit(self.pair(p[0], p[1]), out);
            }
            if let [b] = pairs.remainder() {
                self.lead_byte = Some(*b);
            }
            if last && (self.lead_byte.take().is_some() | self.lead_surrogate.take().is_some()) {
                out.push(char::REPLACEMENT_CHARACTER);
                replaced = true;
            }
            replaced
        }

        fn pair(&self, a: u8, b: u8) -> u16 {
            if self.big_endian {
                u16::from_be_bytes([a, b])
            } else {
                u16::from_le_bytes([a, b])
            }
        }

        /// One code unit; returns whether it (or a surrogate before it) was malformed.
        fn unit(&mut self, u: u16, out: &mut String) -> bool {
            if std::mem::take(&mut self.at_start) && u == 0xFEFF {
                return false;
            }
            let mut replaced = false;
            if let Some(high) = self.lead_surrogate.take() {
                if (0xDC00..=0xDFFF).contains(&u) {
                    let c = 0x10000 + ((u32::from(high) - 0xD800) << 10) + (u32::from(u) - 0xDC00);
                    out.push(char::from_u32(c).unwrap_or(char::REPLACEMENT_CHARACTER));
                    return false;
                }
                out.push(char::REPLACEMENT_CHARACTER);
                replaced = true;
            }
            match u {
                0xD800..=0xDBFF => self.lead_surrogate = Some(u),
                0xDC00..=0xDFFF => {
                    out.push(char::REPLACEMENT_CHARACTER);
                    replaced = true;
                }
                _ => out.push(char::from_u32(u32::from(u)).unwrap_or(char::REPLACEMENT_CHARACTER)),
            }
            replaced
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The hand-written UTF-16 decoder gives what `encoding_rs` gives, byte for byte, whatever
    /// the chunks: BOMs, surrogate pairs, unpaired surrogates, odd lengths.
    #[cfg(feature = "legacy")]
    #[test]
    fn utf16_by_hand_matches_encoding_rs() {
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        let units = [0x0041u16, 0x00e9, 0x4e2d, 0xd83d, 0xde00, 0xdc00, 0xd800, 0xfeff, 0x000a, 0x002c];
        for case in 0..3000 {
            let be = case % 2 == 1;
            let mut bytes = Vec::new();
            if case % 3 == 0 {
                bytes.extend_from_slice(if be { b"\xFE\xFF" } else { b"\xFF\xFE" });
            }
            for _ in 0..(next() % 12) {
                let u = units[(next() % units.len() as u64) as usize];
                bytes.extend_from_slice(&if be { u.to_be_bytes() } else { u.to_le_bytes() });
            }
            if case % 5 == 0 {
                bytes.push(0x41);
            }
            let enc = if be { UTF_16BE } else { UTF_16LE };
            let mut reference = TextDecoder::new(enc);
            let expected = reference.decode(&bytes, true).to_vec();
            let mut hand = utf16::Decoder::new(be);
            let (mut got, mut replaced, mut at) = (String::new(), false, 0);
            while at < bytes.len() {
                let n = (1 + next() % 4) as usize;
                let end = (at + n).min(bytes.len());
                replaced |= hand.decode_to_string(&bytes[at..end], &mut got, false);
                at = end;
            }
            replaced |= hand.decode_to_string(b"", &mut got, true);
            assert_eq!(got.as_bytes(), &expected[..], "{bytes:02x?}");
            assert_eq!(replaced, reference.replaced, "{bytes:02x?}");
        }
    }

    #[test]
    fn detection_order() {
        let (enc, how, bom) = detect(b"\xEF\xBB\xBFa,b\n", true).unwrap();
        assert_eq!((enc.name(), how, bom), ("UTF-8", Detection::Bom, 3));
        let (enc, how, bom) = detect(b"\xFF\xFEa\0,\0b\0", true).unwrap();
        assert_eq!((enc.name(), how, bom), ("UTF-16LE", Detection::Bom, 2));
        let (enc, how, _) = detect(b"a\0,\0b\0\n\0", true).unwrap();
        assert_eq!((enc.name(), how), ("UTF-16LE", Detection::NulPattern));
        let (enc, how, _) = detect(b"\0a\0,\0b\0\n", true).unwrap();
        assert_eq!((enc.name(), how), ("UTF-16BE", Detection::NulPattern));
        // A character cut at the end of a partial sample is still UTF-8.
        let s = "金额".as_bytes();
        assert_eq!(detect(&s[..4], false).unwrap().1, Detection::ValidUtf8);
        #[cfg(feature = "legacy")]
        assert_eq!(detect(&s[..4], true).unwrap().1, Detection::Guessed);
        #[cfg(not(feature = "legacy"))]
        assert_eq!(detect(&s[..4], true), Err(NeedsLegacy));
    }

    #[cfg(feature = "legacy")]
    #[test]
    fn legacy_encodings_are_guessed() {
        let text = "客户编号,下单时间,商品名称,金额\n会员001,2020-01-01 10:00,北京烤鸭礼盒,128.00\n会员002,2020-01-02 11:00,上海小笼包,56.50\n";
        let gbk = encoding_rs::GBK.encode(text).0;
        assert_eq!(detect(&gbk, true).unwrap().0.name(), "GBK");
        let big5 = encoding_rs::BIG5.encode("客戶編號,下單時間,商品名稱,金額\n會員001,2020-01-01,臺灣鳳梨酥禮盒,128.00\n會員002,2020-01-02,高雄烏魚子,560.00\n").0;
        assert_eq!(detect(&big5, true).unwrap().0.name(), "Big5");
        let sjis = encoding_rs::SHIFT_JIS.encode("顧客番号,購入日,商品名,金額\n会員001,2020-01-01,抹茶チョコレート詰め合わせ,1280\n会員002,2020-01-02,ほうじ茶ラテの素,560\n").0;
        assert_eq!(detect(&sjis, true).unwrap().0.name(), "Shift_JIS");
        let latin = encoding_rs::WINDOWS_1252
            .encode("Customer,Amount,City\nJosé Müller,12.50,Zürich\nFrançois,3.20,Besançon\n")
            .0;
        assert_eq!(detect(&latin, true).unwrap().0.name(), "windows-1252");
    }

    #[cfg(feature = "legacy")]
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
