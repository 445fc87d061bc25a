/** Types of the generator allocation problem (DESIGN.md §6). */

export interface Generator {
  readonly id: string;
  /** Usable kW (the energy module already applied the kVA→kW and standby derating). */
  readonly ratingKw: number;
  readonly lat: number;
  readonly lon: number;
}

export interface Facility {
  readonly id: string;
  readonly criticalLoadKw: number;
  readonly backupKw: number;
  /** Priority score computed by the energy module; the solver takes it as given. */
  readonly weight: number;
  readonly lat: number;
  readonly lon: number;
  /** Informational only (e.g. "district_hospital"); ignored by the solver. */
  readonly type?: string;
}

export interface AllocationParams {
  readonly minLoadRatio: number;
  readonly maxGeneratorsPerFacility: number;
  readonly maxDistanceKm: number;
  readonly costPerKm: number;
}

export interface AllocationProblem {
  readonly generators: readonly Generator[];
  readonly facilities: readonly Facility[];
  readonly params: AllocationParams;
}

export interface Assignment {
  readonly generatorId: string;
  readonly facilityId: string;
}

/** The solver's answer, in the output format of DESIGN.md §6. */
export interface AllocationPlan {
  readonly assignments: Assignment[];
  readonly objective: number;
  /** A proven upper bound on the optimum, so the user sees how far from optimal the plan can be. */
  readonly upperBound: number;
  readonly seconds: number;
}

export interface SolveProgress {
  readonly phase: string;
  readonly objective: number;
  readonly upperBound: number;
  readonly elapsed: number;
}

export interface ValidationIssue {
  readonly path: string;
  readonly message: string;
}
