//! What a `User-Agent` header says about the device, in the words My account
//! shows: "Chrome 131" on "Windows 10". Parsed by woothee (a dataset kept in
//! step across its ports) when the list is read, not when a session starts,
//! so a newer dataset describes old sessions better too.

/// The longest `User-Agent` kept: real ones are a few hundred bytes; the rest
/// is someone filling the store.
pub const MAX_USER_AGENT: usize = 512;

/// A browser and an operating system, each when the header names one.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Device {
    pub browser: Option<String>,
    pub os: Option<String>,
}

/// The `User-Agent` of a request, as stored ([`keep`]). Read lossily: a
/// header with bytes outside ASCII still names its browser.
pub fn of(headers: &axum::http::HeaderMap) -> Option<String> {
    let header = headers.get(axum::http::header::USER_AGENT)?;
    keep(&String::from_utf8_lossy(header.as_bytes()))
}

/// The header as stored: printable, at most [`MAX_USER_AGENT`] bytes (cut on a
/// character boundary), `None` when nothing printable is left.
pub fn keep(header: &str) -> Option<String> {
    let mut kept = String::new();
    for c in header.chars().filter(|c| !c.is_control()) {
        if kept.len() + c.len_utf8() > MAX_USER_AGENT {
            break;
        }
        kept.push(c);
    }
    let kept = kept.trim();
    (!kept.is_empty()).then(|| kept.to_owned())
}

/// The browser and OS a stored `user_agent` names, as people call them
/// (nothing when none was stored).
pub fn describe(user_agent: Option<&str>) -> Device {
    let Some(parsed) = user_agent.and_then(|header| woothee::parser::Parser::new().parse(header))
    else {
        return Device::default();
    };
    let browser = known(parsed.name).filter(|_| parsed.browser_type == "browser");
    let major = known(parsed.version).and_then(|version| version.split('.').next());
    let browser = browser.map(|name| match major {
        Some(major) if major.chars().all(|c| c.is_ascii_digit()) => format!("{name} {major}"),
        _ => name.to_owned(),
    });
    let version = known(&parsed.os_version).filter(|version| !version.starts_with("NT "));
    let os = known(parsed.os).map(|os| match (os, version) {
        ("iPhone" | "iPod", Some(version)) => format!("iOS {version}"),
        ("iPhone" | "iPod", None) => "iOS".to_owned(),
        ("iPad", Some(version)) => format!("iPadOS {version}"),
        ("Mac OSX", Some(version)) => format!("macOS {version}"),
        ("Mac OSX", None) => "macOS".to_owned(),
        ("Android" | "ChromeOS", Some(version)) => format!("{os} {version}"),
        (os, _) => os.to_owned(),
    });
    Device { browser, os }
}

/// What a remembered device is bound to: the browser family and system the
/// header names, without versions (which change with every update):
/// "Chrome/Windows 10", "Safari/iPhone". A header naming neither binds to
/// "UNKNOWN/UNKNOWN", and no header to "none": a token copied into another
/// kind of browser is a new device there.
pub fn binding(user_agent: Option<&str>) -> String {
    match user_agent.and_then(|header| woothee::parser::Parser::new().parse(header)) {
        Some(parsed) => format!("{}/{}", parsed.name, parsed.os),
        None => "none".to_owned(),
    }
}

fn known(value: &str) -> Option<&str> {
    (!value.is_empty() && value != "UNKNOWN").then_some(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn device(browser: &str, os: &str) -> Device {
        Device {
            browser: Some(browser.into()),
            os: Some(os.into()),
        }
    }

    #[test]
    fn the_browsers_employees_use_are_named_with_their_major_version() {
        let cases = [
            (
                "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.2903.86",
                device("Edge 131", "Windows 10"),
            ),
            (
                "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
                device("Chrome 131", "Windows 10"),
            ),
            (
                "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1",
                device("Safari 17", "iOS 17.5"),
            ),
            (
                "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7; rv:133.0) Gecko/20100101 Firefox/133.0",
                device("Firefox 133", "macOS 10.15.7"),
            ),
            (
                "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.6778.135 Mobile Safari/537.36",
                device("Chrome 131", "Android 14"),
            ),
            (
                "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/156.0.0.0 Safari/537.36",
                device("Chrome 156", "Linux"),
            ),
        ];
        for (header, expected) in cases {
            assert_eq!(describe(Some(header)), expected, "{header}");
        }
    }

    #[test]
    fn a_client_that_is_no_browser_names_nothing() {
        assert_eq!(describe(None), Device::default());
        for header in ["curl/8.5.0", "", "reqwest", "\u{202e}evil"] {
            assert_eq!(describe(Some(header)).browser, None, "{header}");
        }
    }

    #[test]
    fn a_binding_names_the_family_and_system_and_outlives_updates() {
        let chrome_131 = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";
        let chrome_132 = chrome_131.replace("131.0.0.0", "132.0.6834.83");
        let firefox =
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0";
        let chrome_linux = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";
        assert_eq!(binding(Some(chrome_131)), "Chrome/Windows 10");
        assert_eq!(binding(Some(chrome_131)), binding(Some(&chrome_132)));
        for other in [Some(firefox), Some(chrome_linux), Some("curl/8.5.0"), None] {
            assert_ne!(binding(Some(chrome_131)), binding(other), "{other:?}");
        }
    }

    #[test]
    fn a_stored_header_is_printable_and_bounded() {
        assert_eq!(keep("  \t\n "), None);
        assert_eq!(keep("a\u{0}b\r\nc").as_deref(), Some("abc"));
        let long = "é".repeat(MAX_USER_AGENT);
        let kept = keep(&long).unwrap();
        assert!(kept.len() <= MAX_USER_AGENT && kept.chars().all(|c| c == 'é'));
    }
}
