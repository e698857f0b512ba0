/**
 * The registry module's public surface. Other modules (identity today, the data hub later) read
 * the basic registries only through these functions; nobody else touches its tables.
 */
export {
  countRegistry,
  type EnterpriseStatus,
  findRegistryEnterprise,
  findRegistryPerson,
  type ImportOptions,
  importRegistryEnterprises,
  importRegistryPeople,
  listRegistryEnterprisesOfRepresentative,
  type MaritalStatus,
  type RegistryEnterpriseInput,
  type RegistryEnterpriseRecord,
  type RegistryPersonInput,
  type RegistryPersonRecord,
  type Sex,
  scanRegistryEnterprises,
  scanRegistryPeople,
} from './registry.service.ts';
