import '@testing-library/jest-dom';
import { configure } from '@testing-library/react';

// Time limits guard against hangs; they are not assertions. Jest's 5 s per test and Testing Library's 1 s per
// `findBy…`/`waitFor` are too short for a rendered app with typed input on a loaded 2-core machine (seen: a dialog
// test at 10 s while another suite ran). Every wait in these tests is for a state, so a longer limit only makes a
// slow pass pass and a real failure take longer to report.
jest.setTimeout(60_000);
configure({ asyncUtilTimeout: 15_000 });
