//! nodemailer's well-known SMTP services (`service: 'Outlook365'`), from
//! nodemailer `lib/well-known/services.json` (commit 2f667f4, 2026-08-07).
//! Keys are normalised as `lib/well-known/index.js` does: everything but
//! `[a-zA-Z0-9.-]` removed, lower case, the part after `@` of an address;
//! names, aliases and domains all resolve. The transport copies a
//! service's keys only where the options do not set them.

/// One service's connection defaults.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Service {
    pub host: Option<&'static str>,
    pub port: Option<u16>,
    pub secure: bool,
    pub require_tls: bool,
    pub ignore_tls: bool,
}

/// The service a `service` value names.
pub fn lookup(value: &str) -> Option<Service> {
    let key: String = value
        .rsplit('@')
        .next()
        .unwrap_or("")
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-'))
        .collect::<String>()
        .to_ascii_lowercase();
    SERVICES
        .iter()
        .find(|(keys, _)| keys.contains(&key.as_str()))
        .map(|(_, s)| *s)
}

const fn svc(
    host: Option<&'static str>,
    port: Option<u16>,
    secure: bool,
    require_tls: bool,
    ignore_tls: bool,
) -> Service {
    Service {
        host,
        port,
        secure,
        require_tls,
        ignore_tls,
    }
}

#[rustfmt::skip]
const SERVICES: &[(&[&str], Service)] = &[
    (&["1und1"], svc(Some("smtp.1und1.de"), Some(465), true, false, false)),
    (&["126"], svc(Some("smtp.126.com"), Some(465), true, false, false)),
    (&["163"], svc(Some("smtp.163.com"), Some(465), true, false, false)),
    (&["aliyun", "aliyun.com"], svc(Some("smtp.aliyun.com"), Some(465), true, false, false)),
    (&["aliyunqiye"], svc(Some("smtp.qiye.aliyun.com"), Some(465), true, false, false)),
    (&["aol", "aol.com"], svc(Some("smtp.aol.com"), Some(587), false, false, false)),
    (&["aruba", "arubapec", "aruba.it", "pec.aruba.it"], svc(Some("smtps.aruba.it"), Some(465), true, false, false)),
    (&["bluewin", "bluewin.ch"], svc(Some("smtpauths.bluewin.ch"), Some(465), false, false, false)),
    (&["bol", "bol.com.br"], svc(Some("smtp.bol.com.br"), Some(587), false, true, false)),
    (&["debugmail"], svc(Some("debugmail.io"), Some(25), false, false, false)),
    (&["disroot", "disroot.org"], svc(Some("disroot.org"), Some(587), false, false, false)),
    (&["dynectemail", "dynect"], svc(Some("smtp.dynect.net"), Some(25), false, false, false)),
    (&["elasticemail", "elasticemail"], svc(Some("smtp.elasticemail.com"), Some(465), true, false, false)),
    (&["ethereal", "ethereal.email"], svc(Some("smtp.ethereal.email"), Some(587), false, false, false)),
    (&["fastmail", "fastmail.fm"], svc(Some("smtp.fastmail.com"), Some(465), true, false, false)),
    (&["feishumail", "feishu", "feishumail", "www.feishu.cn"], svc(Some("smtp.feishu.cn"), Some(465), true, false, false)),
    (&["forwardemail", "fe", "forwardemail", "forwardemail.net"], svc(Some("smtp.forwardemail.net"), Some(465), true, false, false)),
    (&["gandimail", "gandi", "gandimail"], svc(Some("mail.gandi.net"), Some(587), false, false, false)),
    (&["gmail", "googlemail", "gmail.com", "googlemail.com"], svc(Some("smtp.gmail.com"), Some(465), true, false, false)),
    (&["gmailworkspace", "googleworkspacemail"], svc(Some("smtp-relay.gmail.com"), Some(465), true, false, false)),
    (&["gmx", "gmx.com", "gmx.net", "gmx.de"], svc(Some("mail.gmx.com"), Some(587), false, false, false)),
    (&["godaddy"], svc(Some("smtpout.secureserver.net"), Some(25), false, false, false)),
    (&["godaddyasia"], svc(Some("smtp.asia.secureserver.net"), Some(25), false, false, false)),
    (&["godaddyeurope"], svc(Some("smtp.europe.secureserver.net"), Some(25), false, false, false)),
    (&["hot.ee"], svc(Some("mail.hot.ee"), None, false, false, false)),
    (&["hotmail", "outlook", "outlook.com", "hotmail.com", "hotmail.com", "outlook.com"], svc(Some("smtp-mail.outlook.com"), Some(587), false, false, false)),
    (&["icloud", "me", "mac", "me.com", "mac.com"], svc(Some("smtp.mail.me.com"), Some(587), false, false, false)),
    (&["infomaniak", "ik.me", "ikmail.com", "etik.com"], svc(Some("mail.infomaniak.com"), Some(587), false, false, false)),
    (&["kolabnow", "kolab", "kolabnow.com"], svc(Some("smtp.kolabnow.com"), Some(465), true, false, false)),
    (&["loopia"], svc(Some("mailcluster.loopia.se"), Some(465), false, false, false)),
    (&["loops"], svc(Some("smtp.loops.so"), Some(587), false, false, false)),
    (&["mail.ee"], svc(Some("smtp.mail.ee"), None, false, false, false)),
    (&["mail.ru"], svc(Some("smtp.mail.ru"), Some(465), true, false, false)),
    (&["mailcatch.app"], svc(Some("sandbox-smtp.mailcatch.app"), Some(2525), false, false, false)),
    (&["maildev"], svc(None, Some(1025), false, false, true)),
    (&["mailersend"], svc(Some("smtp.mailersend.net"), Some(587), false, false, false)),
    (&["mailgun"], svc(Some("smtp.mailgun.org"), Some(465), true, false, false)),
    (&["mailjet"], svc(Some("in.mailjet.com"), Some(587), false, false, false)),
    (&["mailosaur"], svc(Some("mailosaur.io"), Some(25), false, false, false)),
    (&["mailtrap"], svc(Some("live.smtp.mailtrap.io"), Some(587), false, false, false)),
    (&["mandrill"], svc(Some("smtp.mandrillapp.com"), Some(587), false, false, false)),
    (&["naver"], svc(Some("smtp.naver.com"), Some(587), false, false, false)),
    (&["ohmysmtp"], svc(Some("smtp.ohmysmtp.com"), Some(587), false, false, false)),
    (&["one"], svc(Some("send.one.com"), Some(465), true, false, false)),
    (&["openmailbox", "omb", "openmailbox.org"], svc(Some("smtp.openmailbox.org"), Some(465), true, false, false)),
    (&["outlook365"], svc(Some("smtp.office365.com"), Some(587), false, false, false)),
    (&["postmark", "postmarkapp"], svc(Some("smtp.postmarkapp.com"), Some(2525), false, false, false)),
    (&["proton", "protonmail", "proton.me", "protonmail.com", "protonmail.ch", "proton.me", "protonmail.com", "pm.me", "protonmail.ch"], svc(Some("smtp.protonmail.ch"), Some(587), false, true, false)),
    (&["qiye.aliyun"], svc(Some("smtp.mxhichina.com"), Some(465), true, false, false)),
    (&["qq", "qq.com"], svc(Some("smtp.qq.com"), Some(465), true, false, false)),
    (&["qqex", "qqenterprise", "exmail.qq.com"], svc(Some("smtp.exmail.qq.com"), Some(465), true, false, false)),
    (&["resend"], svc(Some("smtp.resend.com"), Some(465), true, false, false)),
    (&["runbox", "runbox.com"], svc(Some("smtp.runbox.com"), Some(465), true, false, false)),
    (&["sendcloud"], svc(Some("smtp.sendcloud.net"), Some(2525), false, false, false)),
    (&["sendgrid"], svc(Some("smtp.sendgrid.net"), Some(587), false, false, false)),
    (&["sendinblue", "brevo"], svc(Some("smtp-relay.brevo.com"), Some(587), false, false, false)),
    (&["sendpulse"], svc(Some("smtp-pulse.com"), Some(465), true, false, false)),
    (&["ses"], svc(Some("email-smtp.us-east-1.amazonaws.com"), Some(465), true, false, false)),
    (&["ses-ap-northeast-1"], svc(Some("email-smtp.ap-northeast-1.amazonaws.com"), Some(465), true, false, false)),
    (&["ses-ap-northeast-2"], svc(Some("email-smtp.ap-northeast-2.amazonaws.com"), Some(465), true, false, false)),
    (&["ses-ap-northeast-3"], svc(Some("email-smtp.ap-northeast-3.amazonaws.com"), Some(465), true, false, false)),
    (&["ses-ap-south-1"], svc(Some("email-smtp.ap-south-1.amazonaws.com"), Some(465), true, false, false)),
    (&["ses-ap-southeast-1"], svc(Some("email-smtp.ap-southeast-1.amazonaws.com"), Some(465), true, false, false)),
    (&["ses-ap-southeast-2"], svc(Some("email-smtp.ap-southeast-2.amazonaws.com"), Some(465), true, false, false)),
    (&["ses-ca-central-1"], svc(Some("email-smtp.ca-central-1.amazonaws.com"), Some(465), true, false, false)),
    (&["ses-eu-central-1"], svc(Some("email-smtp.eu-central-1.amazonaws.com"), Some(465), true, false, false)),
    (&["ses-eu-north-1"], svc(Some("email-smtp.eu-north-1.amazonaws.com"), Some(465), true, false, false)),
    (&["ses-eu-west-1"], svc(Some("email-smtp.eu-west-1.amazonaws.com"), Some(465), true, false, false)),
    (&["ses-eu-west-2"], svc(Some("email-smtp.eu-west-2.amazonaws.com"), Some(465), true, false, false)),
    (&["ses-eu-west-3"], svc(Some("email-smtp.eu-west-3.amazonaws.com"), Some(465), true, false, false)),
    (&["ses-sa-east-1"], svc(Some("email-smtp.sa-east-1.amazonaws.com"), Some(465), true, false, false)),
    (&["ses-us-east-1"], svc(Some("email-smtp.us-east-1.amazonaws.com"), Some(465), true, false, false)),
    (&["ses-us-east-2"], svc(Some("email-smtp.us-east-2.amazonaws.com"), Some(465), true, false, false)),
    (&["ses-us-gov-east-1"], svc(Some("email-smtp.us-gov-east-1.amazonaws.com"), Some(465), true, false, false)),
    (&["ses-us-gov-west-1"], svc(Some("email-smtp.us-gov-west-1.amazonaws.com"), Some(465), true, false, false)),
    (&["ses-us-west-1"], svc(Some("email-smtp.us-west-1.amazonaws.com"), Some(465), true, false, false)),
    (&["ses-us-west-2"], svc(Some("email-smtp.us-west-2.amazonaws.com"), Some(465), true, false, false)),
    (&["seznam", "seznamemail", "seznam.cz", "email.cz", "post.cz", "spoluzaci.cz"], svc(Some("smtp.seznam.cz"), Some(465), true, false, false)),
    (&["smtp2go"], svc(Some("mail.smtp2go.com"), Some(2525), false, false, false)),
    (&["sparkpost", "sparkpost", "sparkpostmail", "sparkpost.com"], svc(Some("smtp.sparkpostmail.com"), Some(587), false, false, false)),
    (&["tipimail"], svc(Some("smtp.tipimail.com"), Some(587), false, false, false)),
    (&["turbosmtp"], svc(Some("pro.turbo-smtp.com"), Some(465), true, false, false)),
    (&["turbosmtp-eu"], svc(Some("pro.eu.turbo-smtp.com"), Some(465), true, false, false)),
    (&["tutanota", "tutanota.com", "tuta.com", "tutanota.de", "tuta.io"], svc(Some("smtp.tutanota.com"), Some(465), true, false, false)),
    (&["yahoo", "yahoo.com"], svc(Some("smtp.mail.yahoo.com"), Some(465), true, false, false)),
    (&["yandex", "yandex.ru"], svc(Some("smtp.yandex.ru"), Some(465), true, false, false)),
    (&["zimbra", "zimbracollaboration"], svc(Some("smtp.zimbra.com"), Some(587), false, true, false)),
    (&["zoho"], svc(Some("smtp.zoho.com"), Some(465), true, false, false)),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_aliases_domains_and_addresses_resolve() {
        let o = lookup("Outlook365").expect("Outlook365");
        assert_eq!(
            (o.host, o.port, o.secure),
            (Some("smtp.office365.com"), Some(587), false)
        );
        assert_eq!(lookup("Google Mail"), lookup("gmail"));
        assert_eq!(
            lookup("someone@googlemail.com").and_then(|s| s.port),
            Some(465)
        );
        assert_eq!(
            lookup("hotmail").and_then(|s| s.host),
            Some("smtp-mail.outlook.com")
        );
        assert!(lookup("NoSuchService").is_none());
    }
}
