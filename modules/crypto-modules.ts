// The community.crypto modules roles use: SSH key pairs and what an X.509 certificate says.
import type { ModuleDef } from './contract.js';
import { opensshKeypairModule } from './openssh_keypair.js';
import { x509CertificateInfoModule } from './x509_certificate_info.js';

export const cryptoModules: readonly ModuleDef[] = [opensshKeypairModule, x509CertificateInfoModule];
