/** A top-level area of the Mathematics Subject Classification 2020. */
export interface MscDomain {
  /** The two-digit code, as a string: `'03'`. */
  code: string;
  /** The official MSC2020 top-level title. */
  title: string;
  /**
   * The title s1's `msc.json` uses, and so the label in s1K's `domain` column, where it differs
   * from the official one (s1 kept some MSC2010 wordings).
   */
  s1Title?: string;
  /** What the area covers, in a few phrases, for the classifier's rubric. */
  description: string;
}

/**
 * The 61 MSC2020 top-level areas s1 classifies questions into (`data/msc.json` in
 * github.com/simplescaling/s1): every code from 03
 * to 97 except 00 General, 01 History and biography and the retired numbers.
 *
 * @example
 * msc2020Domains.find((domain) => domain.code === '11')?.title; // 'Number theory'
 */
export const msc2020Domains: readonly MscDomain[] = [
  {
    code: '03',
    title: 'Mathematical logic and foundations',
    description: 'formal logic; model theory; computability; set theory; proof theory',
  },
  {
    code: '05',
    title: 'Combinatorics',
    description: 'counting and enumeration; graphs; designs; extremal and algebraic combinatorics',
  },
  {
    code: '06',
    title: 'Order, lattices, ordered algebraic structures',
    description: 'partially ordered sets; lattices; Boolean algebras; ordered groups and fields',
  },
  {
    code: '08',
    title: 'General algebraic systems',
    description: 'universal algebra; varieties of algebras; operations and clones',
  },
  {
    code: '11',
    title: 'Number theory',
    description:
      'divisibility and primes; congruences; Diophantine equations; algebraic and analytic number theory',
  },
  {
    code: '12',
    title: 'Field theory and polynomials',
    description: 'field extensions; Galois theory; roots and factorisation of polynomials',
  },
  {
    code: '13',
    title: 'Commutative algebra',
    description: 'commutative rings; ideals and modules; local rings; integral domains',
  },
  {
    code: '14',
    title: 'Algebraic geometry',
    description: 'varieties and schemes; algebraic curves and surfaces; intersection theory',
  },
  {
    code: '15',
    title: 'Linear and multilinear algebra; matrix theory',
    description: 'vector spaces; matrices and determinants; eigenvalues; tensors',
  },
  {
    code: '16',
    title: 'Associative rings and algebras',
    description: 'noncommutative rings; modules over them; representations of algebras',
  },
  {
    code: '17',
    title: 'Nonassociative rings and algebras',
    description: 'Lie algebras; Jordan algebras; other nonassociative products',
  },
  {
    code: '18',
    title: 'Category theory; homological algebra',
    description: 'categories and functors; abelian categories; derived functors; homology',
  },
  {
    code: '19',
    title: 'K-theory',
    s1Title: '$K$-theory',
    description: 'Grothendieck groups; algebraic and topological K-theory',
  },
  {
    code: '20',
    title: 'Group theory and generalizations',
    description:
      'finite and infinite groups; permutation groups; group representations; semigroups',
  },
  {
    code: '22',
    title: 'Topological groups, Lie groups',
    description: 'Lie groups; locally compact and compact groups; their representations',
  },
  {
    code: '26',
    title: 'Real functions',
    description: 'functions of real variables; limits, derivatives and integrals; inequalities',
  },
  {
    code: '28',
    title: 'Measure and integration',
    description: 'measures; Lebesgue integration; measurable functions',
  },
  {
    code: '30',
    title: 'Functions of a complex variable',
    description: 'analytic functions; residues and contour integrals; conformal maps',
  },
  {
    code: '31',
    title: 'Potential theory',
    description: 'harmonic and subharmonic functions; capacity; Dirichlet problems',
  },
  {
    code: '32',
    title: 'Several complex variables and analytic spaces',
    description: 'holomorphic functions of several variables; complex manifolds; analytic spaces',
  },
  {
    code: '33',
    title: 'Special functions',
    s1Title: 'Special functions (33-XX deals with the properties of functions as functions)',
    description: 'gamma and beta functions; hypergeometric functions; orthogonal polynomials',
  },
  {
    code: '34',
    title: 'Ordinary differential equations',
    description: 'solving ODEs; initial and boundary value problems; stability of solutions',
  },
  {
    code: '35',
    title: 'Partial differential equations',
    description: 'elliptic, parabolic and hyperbolic equations; equations of mathematical physics',
  },
  {
    code: '37',
    title: 'Dynamical systems and ergodic theory',
    description: 'iterated maps; flows; chaos; ergodic theory; bifurcations',
  },
  {
    code: '39',
    title: 'Difference and functional equations',
    description: 'recurrences and difference equations; functional equations and inequalities',
  },
  {
    code: '40',
    title: 'Sequences, series, summability',
    description: 'convergence of sequences and series; summation methods',
  },
  {
    code: '41',
    title: 'Approximations and expansions',
    description: 'approximation by polynomials and splines; interpolation; asymptotic expansions',
  },
  {
    code: '42',
    title: 'Harmonic analysis on Euclidean spaces',
    description: 'Fourier series and transforms; wavelets; singular integrals',
  },
  {
    code: '43',
    title: 'Abstract harmonic analysis',
    description: 'harmonic analysis on groups and homogeneous spaces',
  },
  {
    code: '44',
    title: 'Integral transforms, operational calculus',
    description: 'Laplace, Mellin and other integral transforms; operational methods',
  },
  {
    code: '45',
    title: 'Integral equations',
    description: 'Fredholm and Volterra equations; integro-differential equations',
  },
  {
    code: '46',
    title: 'Functional analysis',
    description: 'Banach and Hilbert spaces; distributions; operator algebras',
  },
  {
    code: '47',
    title: 'Operator theory',
    description: 'linear and nonlinear operators; spectral theory; semigroups of operators',
  },
  {
    code: '49',
    title: 'Calculus of variations and optimal control; optimization',
    description: 'extremal problems; Euler–Lagrange equations; optimal control',
  },
  {
    code: '51',
    title: 'Geometry',
    description:
      'Euclidean plane and solid geometry; triangles, circles and polygons; metric geometry',
  },
  {
    code: '52',
    title: 'Convex and discrete geometry',
    description: 'convex sets; polytopes and polyhedra; packings, coverings and tilings',
  },
  {
    code: '53',
    title: 'Differential geometry',
    description: 'curves and surfaces; curvature; Riemannian and symplectic geometry',
  },
  {
    code: '54',
    title: 'General topology',
    description: 'topological spaces; continuity; compactness and connectedness; metric spaces',
  },
  {
    code: '55',
    title: 'Algebraic topology',
    description: 'homotopy; homology and cohomology; fibre bundles',
  },
  {
    code: '57',
    title: 'Manifolds and cell complexes',
    description: 'topological and smooth manifolds; knots; low-dimensional topology',
  },
  {
    code: '58',
    title: 'Global analysis, analysis on manifolds',
    description: 'calculus on manifolds; differential operators on manifolds; singularity theory',
  },
  {
    code: '60',
    title: 'Probability theory and stochastic processes',
    description:
      'random variables and distributions; limit theorems; Markov chains; stochastic processes',
  },
  {
    code: '62',
    title: 'Statistics',
    description: 'estimation; hypothesis testing; regression; design of experiments',
  },
  {
    code: '65',
    title: 'Numerical analysis',
    description: 'numerical methods for equations, integrals and linear algebra; error analysis',
  },
  {
    code: '68',
    title: 'Computer science',
    description:
      'algorithms and complexity; programming; theory of computation; artificial intelligence',
  },
  {
    code: '70',
    title: 'Mechanics of particles and systems',
    description:
      'kinematics; Newtonian, Lagrangian and Hamiltonian mechanics; rigid bodies; orbits',
  },
  {
    code: '74',
    title: 'Mechanics of deformable solids',
    description: 'elasticity; plasticity; stress and strain; fracture',
  },
  {
    code: '76',
    title: 'Fluid mechanics',
    description: 'flows of liquids and gases; viscosity; turbulence; aerodynamics',
  },
  {
    code: '78',
    title: 'Optics, electromagnetic theory',
    description: 'electric and magnetic fields; Maxwell equations; light, lenses and waves',
  },
  {
    code: '80',
    title: 'Classical thermodynamics, heat transfer',
    description: 'heat, work and entropy; thermodynamic cycles; conduction and radiation of heat',
  },
  {
    code: '81',
    title: 'Quantum theory',
    description: 'quantum mechanics; wave functions and operators; quantum field theory',
  },
  {
    code: '82',
    title: 'Statistical mechanics, structure of matter',
    description: 'ensembles and partition functions; phase transitions; condensed matter',
  },
  {
    code: '83',
    title: 'Relativity and gravitational theory',
    description: 'special and general relativity; gravitation; cosmology',
  },
  {
    code: '85',
    title: 'Astronomy and astrophysics',
    description: 'stars, planets and galaxies; celestial observations; astrophysical processes',
  },
  {
    code: '86',
    title: 'Geophysics',
    description: 'the physics of the Earth: seismology, the atmosphere and the oceans',
  },
  {
    code: '90',
    title: 'Operations research, mathematical programming',
    description: 'linear and integer programming; scheduling; inventory and queueing models',
  },
  {
    code: '91',
    title: 'Game theory, economics, finance, and other social and behavioral sciences',
    s1Title: 'Game theory, economics, social and behavioral sciences',
    description: 'games and strategies; mathematical economics and finance; voting; social models',
  },
  {
    code: '92',
    title: 'Biology and other natural sciences',
    description: 'mathematical biology; population dynamics; genetics; chemistry',
  },
  {
    code: '93',
    title: 'Systems theory; control',
    description: 'control systems; controllability and observability; feedback and stability',
  },
  {
    code: '94',
    title: 'Information and communication theory, circuits',
    s1Title: 'Information and communication, circuits',
    description: 'information and entropy; coding and cryptography; signals; electrical circuits',
  },
  {
    code: '97',
    title: 'Mathematics education',
    description:
      'teaching and learning mathematics; elementary school mathematics and word problems',
  },
];

const byCode = new Map(msc2020Domains.map((domain) => [domain.code, domain]));

/**
 * The MSC2020 area with this two-digit code, or undefined when s1 does not use the code.
 *
 * @example
 * mscDomainByCode('81')?.title; // 'Quantum theory'
 * mscDomainByCode('00'); // undefined
 */
export function mscDomainByCode(code: string): MscDomain | undefined {
  return byCode.get(code);
}
