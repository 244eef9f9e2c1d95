// Starts GOV.UK Frontend's components: enhancements only; every page works without them.
import { initAll } from "/govuk/govuk-frontend.min.js";

initAll();
