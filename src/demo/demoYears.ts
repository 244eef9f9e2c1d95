/** The years the demo observes, oldest first; the last is the latest year. */
export const demoYears: readonly number[] = [
  2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024,
];
