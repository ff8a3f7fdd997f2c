//! Contact details as shown before sign-in completes: enough for the employee
//! to recognise, too little to harvest.

use upsers_contract::Channel;

/// `+14045550123` → `(•••) •••-0123`.
pub fn phone(e164: &str) -> String {
    let digits: String = e164.chars().filter(char::is_ascii_digit).collect();
    let last_four = &digits[digits.len().saturating_sub(4)..];
    format!("(•••) •••-{last_four}")
}

/// `jordan@upsers.example` → `j•••@upsers.example`.
pub fn email(address: &str) -> String {
    match address.split_once('@') {
        Some((local, domain)) => {
            let first: String = local.chars().take(1).collect();
            format!("{first}•••@{domain}")
        }
        None => "•••".to_owned(),
    }
}

/// A destination of `channel` masked as its kind is.
pub fn masked(channel: Channel, destination: &str) -> String {
    match channel {
        Channel::Sms => phone(destination),
        Channel::Email => email(destination),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn only_the_last_four_digits_and_first_letter_show() {
        assert_eq!(super::phone("+14045550123"), "(•••) •••-0123");
        assert_eq!(super::email("jordan@upsers.example"), "j•••@upsers.example");
    }
}
