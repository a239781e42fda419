//! Front-matter text as a browser shows it: HTML character references decoded (the
//! site's templates print titles and summaries as HTML) and invisible format
//! characters dropped.

/// Named references that appear in the site's titles and summaries, and their usual
/// neighbours. A name not listed stays as written, as a browser shows an unknown one.
const NAMED: &[(&str, char)] = &[
    ("amp", '&'),
    ("lt", '<'),
    ("gt", '>'),
    ("quot", '"'),
    ("apos", '\''),
    ("nbsp", '\u{a0}'),
    ("ndash", '–'),
    ("mdash", '—'),
    ("lsquo", '‘'),
    ("rsquo", '’'),
    ("sbquo", '‚'),
    ("ldquo", '“'),
    ("rdquo", '”'),
    ("bdquo", '„'),
    ("hellip", '…'),
    ("bull", '•'),
    ("middot", '·'),
    ("copy", '©'),
    ("reg", '®'),
    ("trade", '™'),
    ("deg", '°'),
    ("sect", '§'),
    ("para", '¶'),
    ("laquo", '«'),
    ("raquo", '»'),
    ("times", '×'),
    ("divide", '÷'),
    ("euro", '€'),
    ("pound", '£'),
    ("cent", '¢'),
    ("dagger", '†'),
    ("prime", '′'),
    ("Prime", '″'),
    ("aacute", 'á'),
    ("Aacute", 'Á'),
    ("eacute", 'é'),
    ("Eacute", 'É'),
    ("iacute", 'í'),
    ("Iacute", 'Í'),
    ("oacute", 'ó'),
    ("Oacute", 'Ó'),
    ("uacute", 'ú'),
    ("Uacute", 'Ú'),
    ("ntilde", 'ñ'),
    ("Ntilde", 'Ñ'),
    ("uuml", 'ü'),
    ("Uuml", 'Ü'),
    ("ouml", 'ö'),
    ("auml", 'ä'),
    ("ccedil", 'ç'),
    ("egrave", 'è'),
    ("agrave", 'à'),
    ("iexcl", '¡'),
    ("iquest", '¿'),
    ("ensp", '\u{2002}'),
    ("emsp", '\u{2003}'),
    ("thinsp", '\u{2009}'),
];

/// Characters that take no room and change nothing a reader needs: direction marks
/// and overrides, zero-width spaces and joiners, the byte-order mark, soft hyphens.
pub fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{ad}'
            | '\u{200b}'..='\u{200f}'
            | '\u{202a}'..='\u{202e}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{2069}'
            | '\u{feff}'
    )
}

/// Drops invisible format characters.
pub fn drop_invisible(text: &str) -> String {
    // Every invisible character is outside ASCII.
    if text.is_ascii() {
        return text.to_string();
    }
    text.chars().filter(|c| !is_invisible(*c)).collect()
}

/// Decodes `&name;`, `&#8211;` and `&#x2013;`. A reference to a control or invisible
/// character decodes to nothing; one that is malformed stays as written.
pub fn decode_entities(text: &str) -> String {
    if !text.contains('&') {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let after = &rest[amp + 1..];
        // References are short; a `;` further away is not this one's end.
        let end = after
            .char_indices()
            .take(12)
            .find(|(_, c)| *c == ';')
            .map(|(i, _)| i);
        match end.and_then(|end| reference(&after[..end]).map(|c| (end, c))) {
            Some((end, decoded)) => {
                out.extend(decoded.filter(|c| !c.is_control() && !is_invisible(*c)));
                rest = &after[end + 1..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The character a reference's name stands for (`Some(None)` for one that decodes to
/// nothing, as a reference to NUL does).
fn reference(name: &str) -> Option<Option<char>> {
    if let Some(number) = name.strip_prefix('#') {
        let code = match number.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None if !number.is_empty() && number.bytes().all(|b| b.is_ascii_digit()) => {
                number.parse().ok()?
            }
            None => return None,
        };
        return Some(char::from_u32(code).filter(|&c| c != '\0'));
    }
    NAMED
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, c)| Some(*c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_named_and_numeric_references() {
        assert_eq!(
            decode_entities("Plain &ldquo;words&rdquo; &#8211; and &#x2014; data&#46;gov"),
            "Plain “words” – and — data.gov"
        );
        assert_eq!(decode_entities("R&amp;D &reg;"), "R&D ®");
    }

    #[test]
    fn leaves_what_is_not_a_reference() {
        for text in [
            "AT&T",
            "a & b",
            "&unknownname;",
            "&#;",
            "&#xZZ;",
            "&",
            "x&#12",
        ] {
            assert_eq!(decode_entities(text), text, "{text}");
        }
    }

    #[test]
    fn never_decodes_to_a_control_or_invisible_character() {
        assert_eq!(
            decode_entities("a&#27;[31mb&#0;c&#x202E;d&#8206;e"),
            "a[31mbcde"
        );
    }

    #[test]
    fn drops_format_characters() {
        assert_eq!(
            drop_invisible("\u{feff}Web\u{200e} con\u{ad}tent\u{200b}"),
            "Web content"
        );
        assert_eq!(drop_invisible("plain ascii"), "plain ascii");
        assert_eq!(drop_invisible("café – fine"), "café – fine");
    }
}
