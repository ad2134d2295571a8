import { makeStyles } from '@material-ui/core';

const useStyles = makeStyles({
  svg: { width: 'auto', height: 28 },
  ramp: { fill: '#7df3e1' },
  water: { fill: 'none', stroke: '#7df3e1', strokeWidth: 3 },
});

/** Slipway's mark: a ramp running down into the water. */
const LogoIcon = () => {
  const classes = useStyles();
  return (
    <svg
      className={classes.svg}
      xmlns="http://www.w3.org/2000/svg"
      viewBox="0 0 48 40"
      role="img"
      aria-label="Slipway"
    >
      <path className={classes.ramp} d="M4 6 L44 30 L44 34 L4 34 Z" />
      <path
        className={classes.water}
        d="M2 38 q5 -4 10 0 t10 0 t10 0 t10 0 t6 0"
      />
    </svg>
  );
};

export default LogoIcon;
