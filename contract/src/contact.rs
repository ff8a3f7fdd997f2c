//! Contact details as employees type them, normalized the same way on both
//! sides: the SPA checks the format as the employee types, the API decides.

/// A mobile number in E.164 (`+14045550123`) from the usual ways people type
/// US numbers (`404-555-0123`, `(404) 555 0123`, `1 404 555 0123`,
/// `404.555.0123`) or any number already in international form (`+44 20 …`).
pub fn normalize_mobile(input: &str) -> Option<String> {
    let trimmed = input.trim();
    let international = trimmed.starts_with('+');
    let mut digits = String::new();
    for (index, c) in trimmed.chars().enumerate() {
        match c {
            '0'..='9' => digits.push(c),
            '+' if index == 0 => {}
            ' ' | '-' | '.' | '(' | ')' | '\u{a0}' => {}
            _ => return None,
        }
    }
    if international {
        return ((8..=15).contains(&digits.len()) && !digits.starts_with('0'))
            .then(|| format!("+{digits}"));
    }
    let national = match digits.len() {
        10 => digits.as_str(),
        11 if digits.starts_with('1') => &digits[1..],
        _ => return None,
    };
    // North American numbers: area code and exchange start with 2-9.
    let bytes = national.as_bytes();
    (bytes[0] >= b'2' && bytes[3] >= b'2').then(|| format!("+1{national}"))
}

/// A stored E.164 number as people read it: North American numbers as
/// `+1 404-555-0188`; others as stored (their grouping varies by country).
pub fn format_mobile(e164: &str) -> String {
    match e164.strip_prefix("+1") {
        Some(national) if national.len() == 10 && national.bytes().all(|b| b.is_ascii_digit()) => {
            format!(
                "+1 {}-{}-{}",
                &national[..3],
                &national[3..6],
                &national[6..]
            )
        }
        _ => e164.to_owned(),
    }
}

/// The longest email address SMTP carries (RFC 5321).
pub const MAX_EMAIL_LENGTH: usize = 254;

/// An email address, trimmed, when it has the shape `local@domain.tld`: the
/// one-time PIN sent to it is the real proof that it works.
pub fn normalize_email(input: &str) -> Option<String> {
    let email = input.trim();
    let (local, domain) = email.split_once('@')?;
    let shaped = !local.is_empty()
        && local.len() <= 64
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !domain.contains("..")
        && !domain.contains('@')
        && email.len() <= MAX_EMAIL_LENGTH
        && !email.chars().any(|c| c.is_whitespace() || c.is_control());
    shaped.then(|| email.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn us_numbers_typed_the_usual_ways_become_e164() {
        for typed in [
            "404-555-0123",
            "(404) 555-0123",
            "404.555.0123",
            " 4045550123 ",
            "1 404 555 0123",
            "+1 404 555 0123",
        ] {
            assert_eq!(
                normalize_mobile(typed).as_deref(),
                Some("+14045550123"),
                "{typed}"
            );
        }
        assert_eq!(
            normalize_mobile("+44 20 7946 0958").as_deref(),
            Some("+442079460958")
        );
    }

    #[test]
    fn stored_numbers_are_shown_grouped_for_people() {
        assert_eq!(format_mobile("+14045550188"), "+1 404-555-0188");
        assert_eq!(format_mobile("+442071838750"), "+442071838750");
        assert_eq!(format_mobile("+1404555018"), "+1404555018");
        assert_eq!(
            normalize_mobile(&format_mobile("+14045550188")).as_deref(),
            Some("+14045550188"),
            "what is shown can be typed back"
        );
    }

    #[test]
    fn what_is_not_a_phone_number_is_refused() {
        for typed in [
            "",
            "555-0123",
            "404-555-01234",
            "104-555-0123",
            "404-155-0123",
            "call me",
            "+0 123 456 789",
            "+1234",
        ] {
            assert_eq!(normalize_mobile(typed), None, "{typed}");
        }
    }

    #[test]
    fn email_addresses_need_a_local_part_and_a_dotted_domain() {
        assert_eq!(
            normalize_email(" alex.chen@upsers.example ").as_deref(),
            Some("alex.chen@upsers.example")
        );
        for typed in [
            "",
            "alex",
            "alex@",
            "@upsers.example",
            "alex@upsers",
            "alex chen@upsers.example",
            "a@b@c.example",
            "alex@.example",
            "alex@upsers..example",
        ] {
            assert_eq!(normalize_email(typed), None, "{typed}");
        }
    }
}
