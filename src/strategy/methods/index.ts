export { assessObjective, objectiveStatuses } from "./objectiveStatus.js";
export type {
  AssessOptions,
  ObjectiveAssessment,
  ObjectiveObservation,
  ObjectiveStatus,
  ObjectiveTarget,
} from "./objectiveStatus.js";
