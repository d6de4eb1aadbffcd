// The names community.crypto gives object identifiers: OpenSSL's long name (commonName, TLS Web Server
// Authentication, sha256WithRSAEncryption), its short name inside a dirName (CN). The OIDs certificates commonly
// carry; one this table lacks reads as its dotted form, where Ansible would still know OpenSSL's name for it.

/** dotted OID -> [long name, short name] (one name when OpenSSL has only one) */
const NAMES: Readonly<Record<string, readonly [string, string?]>> = {
  // distinguished name attributes
  '2.5.4.3': ['commonName', 'CN'],
  '2.5.4.4': ['surname', 'SN'],
  '2.5.4.5': ['serialNumber'],
  '2.5.4.6': ['countryName', 'C'],
  '2.5.4.7': ['localityName', 'L'],
  '2.5.4.8': ['stateOrProvinceName', 'ST'],
  '2.5.4.9': ['streetAddress', 'street'],
  '2.5.4.10': ['organizationName', 'O'],
  '2.5.4.11': ['organizationalUnitName', 'OU'],
  '2.5.4.12': ['title', 'title'],
  '2.5.4.13': ['description'],
  '2.5.4.15': ['businessCategory'],
  '2.5.4.16': ['postalAddress'],
  '2.5.4.17': ['postalCode'],
  '2.5.4.18': ['postOfficeBox'],
  '2.5.4.41': ['name', 'name'],
  '2.5.4.42': ['givenName', 'GN'],
  '2.5.4.43': ['initials', 'initials'],
  '2.5.4.44': ['generationQualifier'],
  '2.5.4.45': ['x500UniqueIdentifier'],
  '2.5.4.46': ['dnQualifier', 'dnQualifier'],
  '2.5.4.65': ['pseudonym'],
  '2.5.4.97': ['organizationIdentifier'],
  '1.2.840.113549.1.9.1': ['emailAddress'],
  '1.2.840.113549.1.9.2': ['unstructuredName'],
  '0.9.2342.19200300.100.1.1': ['userId', 'UID'],
  '0.9.2342.19200300.100.1.25': ['domainComponent', 'DC'],
  '1.3.6.1.4.1.311.60.2.1.1': ['jurisdictionLocalityName', 'jurisdictionL'],
  '1.3.6.1.4.1.311.60.2.1.2': ['jurisdictionStateOrProvinceName', 'jurisdictionST'],
  '1.3.6.1.4.1.311.60.2.1.3': ['jurisdictionCountryName', 'jurisdictionC'],
  // extended key usages
  '1.3.6.1.5.5.7.3.1': ['TLS Web Server Authentication', 'serverAuth'],
  '1.3.6.1.5.5.7.3.2': ['TLS Web Client Authentication', 'clientAuth'],
  '1.3.6.1.5.5.7.3.3': ['Code Signing', 'codeSigning'],
  '1.3.6.1.5.5.7.3.4': ['E-mail Protection', 'emailProtection'],
  '1.3.6.1.5.5.7.3.5': ['IPSec End System', 'ipsecEndSystem'],
  '1.3.6.1.5.5.7.3.6': ['IPSec Tunnel', 'ipsecTunnel'],
  '1.3.6.1.5.5.7.3.7': ['IPSec User', 'ipsecUser'],
  '1.3.6.1.5.5.7.3.8': ['Time Stamping', 'timeStamping'],
  '1.3.6.1.5.5.7.3.9': ['OCSP Signing', 'OCSPSigning'],
  '1.3.6.1.5.5.7.3.17': ['ipsec Internet Key Exchange', 'ipsecIKE'],
  '2.5.29.37.0': ['Any Extended Key Usage', 'anyExtendedKeyUsage'],
  '1.3.6.1.4.1.311.20.2.2': ['Microsoft Smartcardlogin', 'msSmartcardLogin'],
  '1.3.6.1.4.1.311.10.3.4': ['Microsoft Encrypted File System', 'msEFS'],
  '1.3.6.1.5.2.3.4': ['PKINIT Client Auth', 'pkInitClientAuth'],
  '1.3.6.1.5.2.3.5': ['Signing KDC Response', 'pkInitKDC'],
  // signature algorithms
  '1.2.840.113549.1.1.1': ['rsaEncryption'],
  '1.2.840.113549.1.1.2': ['md2WithRSAEncryption', 'RSA-MD2'],
  '1.2.840.113549.1.1.4': ['md5WithRSAEncryption', 'RSA-MD5'],
  '1.2.840.113549.1.1.5': ['sha1WithRSAEncryption', 'RSA-SHA1'],
  '1.2.840.113549.1.1.10': ['rsassaPss', 'RSASSA-PSS'],
  '1.2.840.113549.1.1.11': ['sha256WithRSAEncryption', 'RSA-SHA256'],
  '1.2.840.113549.1.1.12': ['sha384WithRSAEncryption', 'RSA-SHA384'],
  '1.2.840.113549.1.1.13': ['sha512WithRSAEncryption', 'RSA-SHA512'],
  '1.2.840.113549.1.1.14': ['sha224WithRSAEncryption', 'RSA-SHA224'],
  '1.2.840.10045.4.1': ['ecdsa-with-SHA1'],
  '1.2.840.10045.4.3.1': ['ecdsa-with-SHA224'],
  '1.2.840.10045.4.3.2': ['ecdsa-with-SHA256'],
  '1.2.840.10045.4.3.3': ['ecdsa-with-SHA384'],
  '1.2.840.10045.4.3.4': ['ecdsa-with-SHA512'],
  '1.2.840.10040.4.3': ['dsaWithSHA1', 'DSA-SHA1'],
  '2.16.840.1.101.3.4.3.2': ['dsa_with_SHA256'],
  '1.3.101.112': ['ED25519'],
  '1.3.101.113': ['ED448'],
};

/** Ansible's cryptography_oid_to_name: the long name, or the short one (dirName entries); else the dotted OID. */
export function oidName(oid: string, short = false): string {
  const names = NAMES[oid];
  if (!names) return oid;
  return short ? (names[1] ?? names[0]) : names[0];
}
