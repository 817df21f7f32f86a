/** Health of a service instance, Consul style. */
export enum HealthStatus {
  /** Healthy: gets traffic. */
  PASSING = 'passing',
  /** Degraded (failing checks below the threshold, a suspected device): still gets traffic by default. */
  WARNING = 'warning',
  /** Unhealthy: excluded from discovery by default. */
  CRITICAL = 'critical'
}

/** Severity order: PASSING 0, WARNING 1, CRITICAL 2. */
export const healthRank = (status: HealthStatus): number =>
  status === HealthStatus.PASSING ? 0 : (status === HealthStatus.WARNING ? 1 : 2);

/** The worse of two statuses. */
export const worstHealth = (a: HealthStatus, b: HealthStatus): HealthStatus => healthRank(a) >= healthRank(b) ? a : b;

/** Parses a status name; undefined when unknown. */
export const parseHealthStatus = (text: string): HealthStatus | undefined => {
  switch (text) {
    case 'passing':
      return HealthStatus.PASSING;
    case 'warning':
      return HealthStatus.WARNING;
    case 'critical':
      return HealthStatus.CRITICAL;
    default:
      return undefined;
  }
};
