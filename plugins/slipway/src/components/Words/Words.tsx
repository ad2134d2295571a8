import { makeStyles } from '@material-ui/core/styles';
import { Fragment, ReactNode } from 'react';

const useStyles = makeStyles({
  frame: {
    overflowX: 'auto',
    // Fills its parent but adds nothing to its parent's minimum width: a wide table scrolls here instead of widening
    // every flex or grid ancestor up to the page.
    width: 0,
    minWidth: '100%',
    '& th, & td': { wordBreak: 'normal', overflowWrap: 'normal' },
  },
});

/**
 * Around a table: its words wrap at spaces, never inside a word, and when the screen is narrower than its columns it
 * scrolls sideways within its card, not the page. Backstage's theme gives every table cell `word-break: break-word`,
 * which lets the browser size a column below its longest word and then split that word ("Checko ut API", "R ea dy").
 */
export const WholeWords = ({ children }: { children: ReactNode }) => {
  const classes = useStyles();
  return <div className={classes.frame}>{children}</div>;
};

const SEPARATOR = /(?<=[/._:@?&=])/;

/**
 * A long token (a file path, a field path, a database name, a URL) as inline code that may wrap after its separators
 * (`/`, `.`, `_`, `:` …), so a narrow column takes it over two lines between its parts, never inside one.
 */
export const Token = ({ children }: { children: string }) => (
  <code>
    {children.split(SEPARATOR).map((part, i) => (
      <Fragment key={i}>
        {i > 0 && <wbr />}
        {part}
      </Fragment>
    ))}
  </code>
);
